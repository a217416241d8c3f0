// The composition root: builds the engine's parts from the effective configuration and
// implements every operation of the shared contract once. Both transports call `call`.
import type { EventName, EventPayload, OperationArgs, OperationName, OperationResult } from '../../shared/contract';
import { FaxError } from '../../shared/errors';
import { access, constants } from 'node:fs/promises';
import { join } from 'node:path';
import type { EngineConfig } from './config';
import { createLogger, type Logger } from './log';
import { openDatabase, type Db } from './database';
import { lockDataFolder } from './dataFolderLock';
import { LocalDocumentStore, headlessKeyWrapper, loadDataKey, type KeyWrapper } from './storage';
import { DocumentCatalog } from './documents';
import { FaxQueue, JobStore } from './jobs';
import { InboxPurge, InboxStore } from './inbox';
import { SettingsStore } from './settings';
import { SimulatorProvider, type ProviderPlugin, type ProviderSink, type ReceivedFax } from './providers';
import { SinchProvider, sinchCallbackCredentials, sinchSettingsFromEnv } from './providers/sinch';
import { createOperations, type Operations } from './operations';
import { ApiAccess, type AuditEntry } from './api';
import { WebhookService, type TunnelStarter } from './webhooks';
import { PhaxioProvider, phaxioSettingsFromEnv } from './providers/phaxio';

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
}

export type EngineListener = <N extends EventName>(event: N, payload: EventPayload<N>) => void;

export interface Engine {
  readonly config: EngineConfig;
  readonly logger: Logger;
  /** The REST API's keys, audit log, rate limit and on/off state (main/engine/api). */
  readonly api: ApiAccess;
  /** The webhook listener, its public address, tunnel and health (main/engine/webhooks). */
  readonly webhooks: WebhookService;
  call<N extends OperationName>(name: N, args: OperationArgs<N>): Promise<OperationResult<N>>;
  on(listener: (event: EventName, payload: unknown) => void): () => void;
  close(): Promise<void>;
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const { config } = options;
  const logger = options.logger ?? createLogger();
  const lock = lockDataFolder(config.dataDir);
  let db: Db;
  try {
    db = openDatabase({ dataDir: config.dataDir, nativeBinding: options.sqliteNativeBinding });
  } catch (error) {
    lock.release();
    throw error;
  }
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  const emit = <N extends EventName>(event: N, payload: EventPayload<N>) => {
    for (const listener of listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        logger.warn('an event listener failed', { event, error });
      }
    }
  };

  const settings = new SettingsStore(db);
  let documentStore: LocalDocumentStore;
  try {
    const keyWrapper = options.keyWrapper ?? headlessKeyWrapper(config.dataDir, config.env);
    documentStore = new LocalDocumentStore(config.dataDir, loadDataKey(config.dataDir, keyWrapper));
  } catch (error) {
    db.close();
    lock.release();
    throw error;
  }
  const documents = new DocumentCatalog(db, documentStore);
  const jobs = new JobStore(db);
  const inbox = new InboxStore(db);
  // A fax deleted for good is announced once more, so every open window drops it.
  const inboxPurge = new InboxPurge({ inbox, documents, undoMs: config.inboxUndoMs, logger: logger.child('inbox'), onPurged: (id) => emit('inboxChanged', { id, deleted: true }) });
  // Before the provider: a provider builds its callback URLs from the address book.
  const webhooks = new WebhookService({
    db,
    port: config.webhookPort,
    env: config.env,
    logger: logger.child('webhooks'),
    tunnelStarter: options.tunnelStarter,
    onHealthChanged: (health) => emit('webhookHealth', health),
  });
  let provider: ProviderPlugin;
  try {
    provider = createProvider(options, logger, () => settings.get().stationNumber, webhooks);
  } catch (error) {
    db.close();
    lock.release();
    throw error;
  }

  // Outcomes are audited as they happen; the audit log (in api/) is wired once it exists below.
  let audit: (entry: AuditEntry) => void = () => undefined;
  const queue = new FaxQueue({
    store: jobs,
    readDocument: (id) => documents.bytes(id),
    provider,
    concurrency: () => settings.get().concurrency,
    station: () => {
      const s = settings.get();
      return { number: s.stationNumber, name: s.stationName, headerText: s.headerText };
    },
    retry: { baseMs: config.retryBaseMs, maxMs: config.retryMaxMs },
    statusPollMs: 60_000,
    statusPollOverrideMs: Number(config.env.FAXBOT_STATUS_POLL_MS) || undefined,
    webhooksReachable: () => webhooks.reachable(),
    logger: logger.child('queue'),
    onJobChanged: (id) => {
      const job = jobs.get(id);
      if (!job) return;
      // A job reaches delivered or failed once (the state machine sees to it): one entry each.
      if (job.status === 'delivered' || job.status === 'failed') {
        audit({ actor: 'faxbot', action: job.status === 'delivered' ? 'fax_delivered' : 'fax_failed', target: id, details: { to: job.to, pages: job.pages, attempts: job.attempts, ...(job.lastError ? { code: job.lastError.code } : {}) } });
      }
      emit('jobChanged', job);
    },
  });

  const receive = async (fax: ReceivedFax, providerId: string) => {
    if (inbox.has(providerId, fax.providerFaxId)) return;
    const pages = fax.pages ?? (await (await import('./imaging')).countPdfPages(fax.pdf));
    const doc = await documents.add({ kind: 'pdf', fileName: `fax-${fax.providerFaxId}.pdf`, pages, pdf: fax.pdf, staged: false });
    const stored = inbox.insert({
      from: fax.from,
      fromName: fax.fromName ?? '',
      to: fax.to,
      pages,
      receivedAt: fax.receivedAt,
      provider: providerId,
      providerFaxId: fax.providerFaxId,
      documentId: doc.id,
    });
    if (!stored) return; // recorded meanwhile: the sweep removes the spare document
    logger.info('fax received', { from: fax.from, pages });
    audit({ actor: providerId, action: 'fax_received', target: stored.id, details: { from: fax.from, pages } });
    emit('faxReceived', stored);
  };

  const sink: ProviderSink = {
    statusChanged: (status) => queue.handleProviderStatus(status),
    faxReceived: (fax) => receive(fax, provider.id),
  };
  try {
    await provider.start(sink);
    webhooks.addProvider({ id: provider.id, routes: provider.webhookRoutes ?? [], sink });
    await webhooks.start();
    await inboxPurge.start();
    await documents.sweep();
    await queue.start();
  } catch (error) {
    await inboxPurge.stop().catch(() => undefined);
    await queue.stop().catch(() => undefined);
    await webhooks.close().catch(() => undefined);
    await provider.stop().catch(() => undefined);
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
    probes: {
      database: () => void db.prepare('SELECT 1').get(),
      storage: () => access(join(config.dataDir, 'documents'), constants.W_OK),
      provider: () => ({ id: provider.id, label: provider.label }),
    },
  });
  audit = (entry) => api.audit(entry);
  const operations: Operations = createOperations({ config, logger, settings, documents, jobs, inbox, inboxPurge, queue, provider, api, webhooks, emit, headless: options.headless ?? false });
  let closed = false;

  logger.info('engine started', { dataDir: config.dataDir, provider: provider.id });
  return {
    config,
    logger,
    api,
    webhooks,
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
      await inboxPurge.stop();
      // First: no callback may reach the queue while it stops.
      await webhooks.close();
      await queue.stop();
      await provider.stop();
      listeners.clear();
      db.close();
      lock.release();
    },
  };
}

function createProvider(options: EngineOptions, logger: Logger, stationNumber: () => string, webhooks: WebhookService): ProviderPlugin {
  const { config } = options;
  switch (config.backend) {
    case 'simulator':
      return new SimulatorProvider({ dataDir: config.dataDir, timeScale: config.simulatorTimeScale, stationNumber, logger: logger.child('simulator'), nativeBinding: options.sqliteNativeBinding });
    case 'sinch': {
      // Callback credentials derive from the listener's per-install secret: stable across restarts.
      const settings = sinchSettingsFromEnv(config.env);
      return new SinchProvider({ ...settings, addressBook: webhooks.addressBook, callbackCredentials: sinchCallbackCredentials(webhooks.store.pathSecret()), station: () => ({ number: stationNumber() }), logger: logger.child('sinch') });
    }
    case 'phaxio': {
      // Station details come with each fax (OutboundFax.from); this is only the fallback.
      const settings = phaxioSettingsFromEnv(config.env);
      return new PhaxioProvider({ ...settings, addressBook: webhooks.addressBook, station: () => ({ number: stationNumber(), name: '', headerText: '' }), logger: logger.child('phaxio') });
    }
    default:
      throw new FaxError('not_allowed', `FAX_BACKEND=${config.backend} is not available in this version yet: unset FAX_BACKEND to use the built-in simulator.`);
  }
}
