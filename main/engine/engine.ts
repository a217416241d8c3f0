// The composition root: builds the engine's parts from the effective configuration and
// implements every operation of the shared contract once. Both transports call `call`.
import type { EventName, EventPayload, OperationArgs, OperationName, OperationResult } from '../../shared/contract';
import { FaxError } from '../../shared/errors';
import { join } from 'node:path';
import type { EngineConfig } from './config';
import { createLogger, type Logger } from './log';
import { openDatabase, type Db } from './database';
import { lockDataFolder } from './dataFolderLock';
import { secureDataFolder } from './dataFolderModes';
import {
  LocalDocumentStore,
  StorageRouter,
  headlessKeyWrapper,
  loadDataKey,
  documentStoresFromEnv,
  storageBackendFromEnv,
  type KeyWrapper,
} from './storage';
import { DocumentCatalog } from './documents';
import { FaxQueue, JobStore } from './jobs';
import { InboxPurge, InboxStore, createFaxReceiver } from './inbox';
import { SettingsStore, sendingWindowOf } from './settings';
import { createOperations, type Operations } from './operations';
import { createRecipientCover } from './coverMaker';
import { readinessProbes } from './readinessProbes';
import { openStorageMover } from './storageMoves';
import { SendAnnouncer, SendStore, createJobDocuments, summarizeSend } from './sends';
import { clockFromEnv } from './clock';
import { ApiAccess, type FaxDocumentStream } from './api';
import { AuditLog, webhookRejectionRecorder } from './audit';
import { WebhookService, type TunnelStarter } from './webhooks';
import { openRetention, type RetentionOperationDeps } from './retention';
import { createFaxDocumentOpener } from './faxDocumentStream';
import { HotFolder } from './hotfolder';
import { openContactBook } from './contacts';
import { openCoverTemplates } from './covers';
import { PluginCatalog, PluginConfigStore, SealedSecretStore, defaultRegistryPath } from './plugins';
import { HttpManifestStore, manifestProviderFactory } from './plugins/http';
import { createApplyOperations } from './plugins/applyOperations';
import {
  ProviderSet,
  buildStartupProviders,
  checkPlugin,
  createDocumentStore,
  createProvider,
  DEFAULT_CHECK_TIMEOUT_MS,
  type PluginEnv,
  type ProviderBuildDeps,
  type StartupProviders,
} from './plugins/runtime';
import type { FaxJob } from '../../shared/model';

export interface EngineOptions {
  config: EngineConfig;
  logger?: Logger;
  /** True under `faxbot serve` and the CLI; false inside the Electron app. */
  headless?: boolean;
  /**
   * What wraps the documents' data key: the OS keychain (safeStorage) in the app; by default
   * FAXBOT_MASTER_KEY or a 0600 key file in the data folder (headless).
   */
  keyWrapper?: KeyWrapper;
  /** A better-sqlite3 binary built for Electron's ABI (the dev `npm start` path). */
  sqliteNativeBinding?: string;
  /** Starts the optional ngrok tunnel; tests pass a fake. */
  tunnelStarter?: TunnelStarter;
  /** Who the audit log names for operations no API key is behind: 'window' (default), 'cli'. */
  auditActor?: string;
  /**
   * What the engine takes as now: schedules (Send later), retries, the sending window and the
   * retention sweep. Tests move it (or FAXBOT_TEST_CLOCK_FILE, see clock.ts); default the system clock.
   */
  clock?: () => Date;
  /**
   * Watch the printer folder (config.watchDir). The Electron app and `faxbot serve` pass true;
   * tests and one-shot commands leave it off. FAXBOT_WATCH=false turns it off there too.
   */
  watchFolder?: boolean;
}

export type EngineListener = <N extends EventName>(event: N, payload: EventPayload<N>) => void;

export interface Engine {
  readonly config: EngineConfig;
  readonly logger: Logger;
  /** The REST API's keys, audit log, rate limit and on/off state (main/engine/api). */
  readonly api: ApiAccess;
  /** The audit trail (main/engine/audit): other parts record through it and its typed recorders. */
  readonly audit: AuditLog;
  /** The webhook listener, its public address, tunnel and health (main/engine/webhooks). */
  readonly webhooks: WebhookService;
  /** Plugins: manifests, the config file, sealed secrets, effective settings, slots (main/engine/plugins). */
  readonly plugins: PluginCatalog;
  call<N extends OperationName>(name: N, args: OperationArgs<N>): Promise<OperationResult<N>>;
  /**
   * A sent or received fax's PDF as a stream (the REST API serves it this way, so a large
   * document never sits whole in memory). Same refusals as getJobDocument/getInboundDocument.
   */
  openFaxDocument(owner: 'job' | 'inbound', id: string): Promise<FaxDocumentStream>;
  on(listener: (event: EventName, payload: unknown) => void): () => void;
  close(): Promise<void>;
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const { config } = options;
  const logger = options.logger ?? createLogger();
  // Patient data: the folder and what Faxbot keeps in it are its owner's only (repaired for older folders).
  secureDataFolder(config.dataDir);
  const lock = lockDataFolder(config.dataDir, { nativeBinding: options.sqliteNativeBinding });
  let db: Db;
  try {
    db = openDatabase({ dataDir: config.dataDir, nativeBinding: options.sqliteNativeBinding });
  } catch (error) {
    lock.release();
    throw error;
  }
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  // Set once the engine is built; a finished job moves its printed files to sent/ or failed/.
  let hotFolder: HotFolder | null = null;
  const emit = <N extends EventName>(event: N, payload: EventPayload<N>) => {
    if (event === 'jobChanged') hotFolder?.jobChanged(payload as FaxJob);
    for (const listener of listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        logger.warn('an event listener failed', { event, error });
      }
    }
  };

  const settings = new SettingsStore(db);
  // First of the parts: everything after it records into it.
  const auditLog = new AuditLog({
    db,
    dataDir: config.dataDir,
    logger: logger.child('audit'),
    defaultActor: options.auditActor ?? 'window',
  });
  // Every document is read where its row says it is stored (storage/storageRouter.ts).
  let documentStore: StorageRouter;
  let keyWrapper: KeyWrapper & { warning?: string };
  let plugins: PluginCatalog;
  // Imported declarative HTTP providers (FEATURE_PLUGIN_INSTALL), one file each in <dataDir>/plugins.
  const httpManifests = new HttpManifestStore(join(config.dataDir, 'plugins'));
  let dataKey: Buffer;
  try {
    keyWrapper = options.keyWrapper ?? headlessKeyWrapper(config.dataDir, config.env);
    dataKey = loadDataKey(config.dataDir, keyWrapper);
    // Plugin secrets are sealed by the same wrapper as the data key: after the data key, whose refusal of a wrong key is the clearer one.
    plugins = new PluginCatalog({
      registryPath: config.pluginRegistryPath ?? defaultRegistryPath(),
      manifestsDir: httpManifests.dir,
      importedManifests: () => httpManifests.pluginManifests(),
      // A backend given in code (EngineConfig.backend, as tests and embedders do) counts as FAX_BACKEND.
      env: config.backend !== 'simulator' && !config.env.FAX_BACKEND?.trim() ? { ...config.env, FAX_BACKEND: config.backend } : config.env,
      store: new PluginConfigStore({
        path: config.pluginConfigPath ?? (config.env.FAXBOT_CONFIG_PATH?.trim() || join(config.dataDir, 'faxbot.config.json')),
      }),
      secrets: new SealedSecretStore(config.dataDir, keyWrapper),
      logger: logger.child('plugins'),
    });
    const local = new LocalDocumentStore(config.dataDir, dataKey);
    // The storage slot (STORAGE_BACKEND > config file > local) and S3's settings from the plugin catalog.
    storageBackendFromEnv(config.env); // a STORAGE_BACKEND naming no backend stops the start, in words, as before
    const storageEnv = { ...config.env, ...plugins.effectiveEnv('s3'), STORAGE_BACKEND: plugins.slots().storage };
    documentStore = new StorageRouter(db, { ...documentStoresFromEnv(storageEnv, dataKey), local }, storageBackendFromEnv(storageEnv));
  } catch (error) {
    db.close();
    lock.release();
    throw error;
  }
  const documents = new DocumentCatalog(db, documentStore);
  const jobs = new JobStore(db);
  const sends = new SendStore(db);
  const clock = options.clock ?? clockFromEnv(config.env);
  const contacts = openContactBook(db);
  const covers = openCoverTemplates(db, dataKey, contacts);
  const jobDocuments = createJobDocuments({
    jobs,
    sends,
    documents,
    coverFor: createRecipientCover(settings, covers.templates, logger),
    maxPages: config.maxPages,
  });
  // A send's row in the Outbox follows its recipients, announced a few times a second at most.
  const sendAnnouncer = new SendAnnouncer((sendId) => announceSend(sendId));
  let announceSend: (sendId: string) => void = () => undefined;
  const inbox = new InboxStore(db);
  // A fax deleted for good is announced once more, so every open window drops it.
  const inboxPurge = new InboxPurge({
    inbox,
    documents,
    undoMs: config.inboxUndoMs,
    logger: logger.child('inbox'),
    onPurged: (id) => emit('inboxChanged', { id, deleted: true }),
  });
  // Before the provider: a provider builds its callback URLs from the address book.
  const webhooks = new WebhookService({
    db,
    dataKey,
    port: config.webhookPort,
    env: config.env,
    logger: logger.child('webhooks'),
    tunnelStarter: options.tunnelStarter,
    onHealthChanged: (health) => emit('webhookHealth', health),
    onRejected: webhookRejectionRecorder(auditLog),
  });
  // Providers by slot (plugins/runtime): outbound, inbound, and earlier ones finishing their jobs.
  const providerDeps: ProviderBuildDeps = {
    dataDir: config.dataDir,
    simulatorTimeScale: config.simulatorTimeScale,
    faxTiffRenderer: config.faxTiffRenderer,
    sqliteNativeBinding: options.sqliteNativeBinding,
    dataKey,
    stationNumber: () => settings.get().stationNumber,
    webhooks,
    logger,
  };
  providerDeps.manifestProvider = manifestProviderFactory({
    manifests: httpManifests,
    effectiveSettings: (id) => plugins.effectiveSettings(id),
    logger: logger.child('http'),
  });
  // The plugin's settings over the process environment: the readers also take tuning variables no schema names.
  const providerEnv = (id: string): PluginEnv => ({ ...config.env, ...plugins.effectiveEnv(id) });
  const providers = new ProviderSet({
    webhooks,
    sinkFor: (providerId) => ({
      statusChanged: (status) => queue.handleProviderStatus(status, providerId),
      faxReceived: (fax) => receive(fax, providerId),
    }),
    inFlight: () => jobs.providersInFlight(),
    logger: logger.child('providers'),
  });
  let startup: StartupProviders;
  try {
    startup = buildStartupProviders({
      slots: plugins.slots(),
      envOf: providerEnv,
      settingsOf: (id) => plugins.effectiveSettings(id),
      build: (id, env) => createProvider(id, env, providerDeps),
      inFlight: jobs.providersInFlight(),
      lockedSlots: plugins.lockedSlots(),
      labelOf: (id) => plugins.manifests().find((m) => m.id === id)?.name ?? id,
      logger,
    });
  } catch (error) {
    db.close();
    lock.release();
    throw error;
  }

  const queue = new FaxQueue({
    store: jobs,
    readDocument: (jobId) => jobDocuments.pdfOf(jobId),
    clock,
    sendingWindow: () => sendingWindowOf(settings),
    recheckMs: Number(config.env.FAXBOT_QUEUE_RECHECK_MS) || undefined,
    provider: providers,
    concurrency: () => settings.get().concurrency,
    station: () => {
      const s = settings.get();
      // The fax header names the practice when no header text of its own is set.
      return { number: s.stationNumber, name: s.stationName, headerText: s.headerText.trim() || s.stationName };
    },
    retry: { baseMs: config.retryBaseMs, maxMs: config.retryMaxMs },
    statusPollMs: 60_000,
    statusPollOverrideMs: Number(config.env.FAXBOT_STATUS_POLL_MS) || undefined,
    webhooksReachable: () => webhooks.reachable(),
    logger: logger.child('queue'),
    onJobChanged: (id) => {
      const job = jobs.get(id);
      if (job) emit('jobChanged', job);
      if (job?.sendId) sendAnnouncer.changed(job.sendId);
    },
    // In the transaction that finishes the job: the entry exists exactly when the change does.
    recordFinished: (job) =>
      auditLog.appendInTransaction({
        actor: 'faxbot',
        action: job.status === 'delivered' ? 'fax_delivered' : 'fax_failed',
        target: job.id,
        details: { to: job.to, pages: job.pages, attempts: job.attempts, ...(job.lastError ? { code: job.lastError.code } : {}) },
      }),
  });

  const receive = createFaxReceiver({
    inbox,
    documents,
    transaction: (work) => jobs.transaction(work),
    auditLog,
    logger,
    onReceived: (fax) => emit('faxReceived', fax),
  });

  try {
    for (const { provider, fingerprint } of startup.instances) await providers.run(provider, fingerprint);
    providers.assign(startup.slots);
    await webhooks.start();
    await inboxPurge.start();
    await documents.sweep();
    await queue.start();
  } catch (error) {
    await inboxPurge.stop().catch(() => undefined);
    await queue.stop().catch(() => undefined);
    await webhooks.close().catch(() => undefined);
    await providers.stopAll();
    await Promise.all(startup.instances.map(({ provider }) => provider.stop().catch(() => undefined)));
    db.close();
    lock.release();
    throw error;
  }

  const api = new ApiAccess({
    db,
    logger: logger.child('api'),
    envApiKey: config.apiKey,
    envEnabled: config.apiEnabled,
    maxRequestsPerMinute: config.maxRequestsPerMinute,
    defaultBaseUrl: `http://127.0.0.1:${config.port}`,
    probes: readinessProbes({ db, dataDir: config.dataDir, providers, webhooks }),
    auditLog,
  });

  // A move a crash or shutdown interrupted resumes in the background; old copies left after a flip are deleted.
  const storageMover = openStorageMover({
    db,
    router: documentStore,
    logger: logger.child('storage'),
    onProgress: (progress) => emit('storageMoveProgress', progress),
    auditLog,
  });
  await storageMover.resume().catch((error) => logger.error('resuming the storage move failed; press Move again in Settings', { error }));

  // Retention starts once the audit log exists: every deletion it makes is audited.
  const { settings: retention, sweeper: retentionSweeper } = openRetention({
    db,
    env: config.env,
    deleteDocument: (id) => documentStore.delete(id),
    now: clock,
    auditLog,
    logger: logger.child('retention'),
    onExpired: (expired) => {
      for (const jobId of expired.jobIds) {
        const job = jobs.get(jobId);
        if (job) emit('jobChanged', job);
      }
      for (const inboundId of expired.inboundIds) emit('inboxChanged', { id: inboundId, documentExpired: expired.expiry });
    },
    onSwept: (sweep) => emit('retentionSwept', sweep),
  });
  await retentionSweeper.start().catch((error) => logger.error('the retention sweep at start failed; it runs again later', { error }));
  const retentionDeps: RetentionOperationDeps = {
    retention,
    storage: () => ({
      backend: documentStore.describe(),
      keyProtection: { description: keyWrapper.description, warning: keyWrapper.warning ?? null },
    }),
  };
  const watching = (options.watchFolder ?? false) && !/^(false|0|no|off)$/i.test(config.env.FAXBOT_WATCH?.trim() ?? '');
  const printedFiles = new HotFolder({
    folder: config.watchDir,
    db,
    env: config.env,
    logger: logger.child('hotfolder'),
    documents,
    normalize: async (fileName, bytes) => {
      const { normalizeDocument, officeConversionFrom } = await import('./imaging');
      return normalizeDocument(
        { fileName, bytes },
        {
          paperSize: settings.get().paperSize,
          limits: { maxBytes: config.maxFileSizeMb * 1024 * 1024, maxPages: config.maxPages },
          office: officeConversionFrom(config.env),
        },
      );
    },
    defaultCountry: () => settings.get().defaultCountry,
    ownNumber: () => settings.get().stationNumber,
    sendFax: (args) => operations.sendFax(args),
    getJob: (id) => jobs.get(id),
    onPickup: (pickup) => emit('hotFolderPickup', pickup),
    onQuestion: (question) => emit('hotFolderQuestion', question),
    onStatus: (status) => emit('hotFolderStatus', status),
  });
  // testPlugin and applyPlugins (plugins/applyOperations.ts): connection checks and swapping plugins at runtime.
  const checkDeps = { ...providerDeps, timeoutMs: Number(config.env.FAXBOT_PLUGIN_CHECK_TIMEOUT_MS) || DEFAULT_CHECK_TIMEOUT_MS };
  const pluginApply = createApplyOperations({
    catalog: plugins,
    envOf: providerEnv,
    settingsOf: (id) => plugins.effectiveSettings(id),
    saveSlots: (slots) => {
      const file = plugins.store.read();
      plugins.store.write({ ...file, slots: { ...file.slots, ...slots } });
    },
    storedSlots: () => plugins.store.read().slots,
    providers,
    storage: documentStore,
    buildProvider: (id, env) => createProvider(id, env, providerDeps),
    buildStore: (id, env) => createDocumentStore(id, env, { dataDir: config.dataDir, dataKey }),
    check: (manifest, env) => checkPlugin(manifest, env, checkDeps),
    timeoutMs: checkDeps.timeoutMs,
    publicBase: () => webhooks.publicBase(),
    everSentWith: (id) => jobs.everSentWith(id),
    onApplied: (slots) => {
      auditLog.recordForCaller({ action: 'settings_changed', details: { changed: ['plugins.slots'] } });
      emit('pluginsChanged', plugins.overview(slots));
      emit('webhookHealth', webhooks.getHealth());
      queue.wake();
    },
    checked: (pluginId, result) => {
      plugins.checks.record(pluginId, result);
      emit(
        'pluginsChanged',
        plugins.overview({ outbound: providers.outbound().id, inbound: providers.inbound().id, storage: documentStore.current }),
      );
    },
    logger: logger.child('plugins'),
  });
  const operations: Operations = createOperations({
    config,
    logger,
    settings,
    documents,
    jobs,
    inbox,
    inboxPurge,
    queue,
    get provider() {
      return providers.outbound();
    },
    api,
    webhooks,
    emit,
    headless: options.headless ?? false,
    retention: retentionDeps,
    storageMover,
    auditLog,
    hotFolder: printedFiles,
    plugins,
    httpManifests,
    activePlugins: () => ({ outbound: providers.outbound().id, inbound: providers.inbound().id, storage: documentStore.current }),
    pluginApply,
    contacts,
    covers,
    sends,
    jobDocuments,
    clock,
  });
  announceSend = (sendId) => {
    const send = sends.get(sendId);
    if (send) emit('sendChanged', summarizeSend(jobs, send));
  };
  if (watching) {
    hotFolder = printedFiles;
    await printedFiles.start().catch((error) => logger.error('the watched folder could not be started', { error }));
  }
  let closed = false;

  logger.info('engine started', { dataDir: config.dataDir, provider: providers.outbound().id });
  return {
    config,
    logger,
    api,
    audit: auditLog,
    webhooks,
    plugins,
    openFaxDocument: createFaxDocumentOpener({ jobs, inbox, documents, sends, jobDocuments }),

    async call(name, args) {
      if (closed) throw new FaxError('internal', 'Faxbot is shutting down.');
      const handler = operations[name] as (a: typeof args) => Promise<OperationResult<typeof name>>;
      return handler(args);
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      await printedFiles.stop();
      await storageMover.stop();
      await retentionSweeper.stop();
      sendAnnouncer.stop();
      await inboxPurge.stop();
      // First: no callback may reach the queue while it stops.
      await webhooks.close();
      await queue.stop();
      await providers.stopAll();
      listeners.clear();
      // The audit head names the last entry before the folder is let go.
      await auditLog.flush();
      db.close();
      lock.release();
    },
  };
}
