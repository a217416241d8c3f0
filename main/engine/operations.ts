// Every operation of the shared contract, implemented once over the engine's parts.
import { randomUUID } from 'node:crypto';
import type { EventName, EventPayload, OperationArgs, OperationName, OperationResult } from '../../shared/contract';
import { FaxError, isNumberProblem, type FaxErrorCode } from '../../shared/errors';
import { checkFaxNumber, formatFaxNumber } from '../../shared/faxNumber';
import { isFinalStatus } from '../../shared/jobState';
import type { EngineConfig } from './config';
import type { Logger } from './log';
import { pdfReply, type DocumentCatalog } from './documents';
import { createReportOperations, type FaxQueue, type JobStore } from './jobs';
import { createInboxOperations, type InboxPurge, type InboxStore } from './inbox';
import type { SettingsStore } from './settings';
import type { ProviderPlugin } from './providers';
import type { ApiAccess } from './api';
import { createAuditOperations, type AuditLog } from './audit';
import { createWebhookOperations, type WebhookService } from './webhooks';
import { faultPoint } from './faults';
import { decodeCursor, encodeCursor } from './cursor';
import { createStorageMoveOperations, type StorageMover } from './storage';
import { createRetentionOperations, requireDocumentKept, type RetentionOperationDeps } from './retention';
import { version } from '../../package.json';
import type { HotFolder } from './hotfolder';
import { BUILTIN_PLUGINS, createPluginOperations, type PluginCatalog } from './plugins';
import { createHttpManifestOperations, type HttpManifestStore } from './plugins/http';
import { PLUGIN_SLOTS, type PluginSlots } from '../../shared/plugins';
import { createContactOperations, type ContactBook } from './contacts';
import { createCoverTemplateOperations, type CoverTemplateStore, type CoverTemplates } from './covers';
import { createSendOperations, type RecipientCover, type SendStore } from './sends';
import type { Clock } from './clock';
import { createCoverMaker } from './coverMaker';
import type { StagedDocument } from '../../shared/model';

export type Operations = { [N in OperationName]: (args: OperationArgs<N>) => Promise<OperationResult<N>> };

export interface OperationDeps {
  config: EngineConfig;
  logger: Logger;
  settings: SettingsStore;
  documents: DocumentCatalog;
  jobs: JobStore;
  inbox: InboxStore;
  inboxPurge: InboxPurge;
  queue: FaxQueue;
  provider: ProviderPlugin;
  api: ApiAccess;
  webhooks: WebhookService;
  emit: <N extends EventName>(event: N, payload: EventPayload<N>) => void;
  headless: boolean;
  /** Settings → Storage & retention. */
  retention: RetentionOperationDeps;
  /** Settings → Storage & retention: moving documents between backends. */
  storageMover: StorageMover;
  /** The watched printer folder: links queued faxes to printed files and answers its settings. */
  hotFolder?: HotFolder;
  /** Settings → Audit, and what the window's operations record. */
  auditLog: AuditLog;
  /** Settings → Plugins: the catalog, and what fills each slot in the running engine. */
  plugins: PluginCatalog;
  activePlugins: () => PluginSlots;
  /** Imported declarative HTTP providers: importPluginManifest / removePluginManifest (plugins/http). */
  httpManifests: HttpManifestStore;
  /** testPlugin and applyPlugins: checks and runtime swaps (plugins/applyOperations.ts). */
  pluginApply: Pick<Operations, 'testPlugin' | 'applyPlugins'>;
  /** The address book (contacts/). */
  contacts: ContactBook;
  /** Cover page templates, and which one a fax gets (covers/). */
  covers: { store: CoverTemplateStore; templates: CoverTemplates };
  /** Sends to several recipients and sends for later (sends/). */
  sends: SendStore;
  /** The PDF a job sends, its recipient's cover included (sends/jobDocument.ts). */
  jobDocuments: { pdfOf(jobId: string): Promise<Uint8Array> };
  /** What the engine takes as now (schedules). */
  clock: Clock;
}

// Imaging (pdf-lib, pdf.js, canvas) is loaded on first use: it is most of the engine's
// start-up time, and a window that only reads the Outbox never needs it.
const imaging = () => import('./imaging');

/** Failures that say the provider itself is in trouble (not the number, not the line). */
const PROVIDER_TROUBLE = new Set<string>(['provider_unavailable', 'provider_auth', 'provider_timeout']);

/** Why a number was wrong, in the words of a refused resend (shared/errors.ts NUMBER_PROBLEM_CODES). */
const NUMBER_PROBLEM_WORDS: Partial<Record<FaxErrorCode, string>> = {
  not_a_fax_machine: 'a person or a voice line answered, not a fax machine',
  number_not_in_service: 'the number cannot be reached',
  invalid_number: 'the number is not a valid fax number',
};

/** The name Send shows for the pages of a fax put back on it: its file, or its first file and how many more. */
export function resendFileName(fileNames: readonly string[]): string {
  const names = fileNames.filter((name) => name.trim() !== '');
  if (names.length === 0) return 'fax.pdf';
  if (names.length === 1) return names[0];
  return `${names[0]} and ${names.length - 1 === 1 ? '1 more' : `${names.length - 1} more`}`;
}

const WINDOW_SETTINGS = ['sendingWindowOn', 'sendingWindowStart', 'sendingWindowEnd', 'sendingWindowDays'];

export function createOperations(deps: OperationDeps): Operations {
  const { config, settings, documents, jobs, inbox, queue, emit } = deps;
  const maxBytes = config.maxFileSizeMb * 1024 * 1024;

  const requireHotFolder = () => {
    if (!deps.hotFolder) throw new FaxError('feature_off', 'This Faxbot has no watched printer folder.');
    return deps.hotFolder;
  };
  /** What the status line says is wrong with sending: the outbound provider's trouble, another sender's failed check. */
  function providerHealth(): { providerProblem: string | null; failedCheck: { name: string; message: string } | null } {
    const outbound = deps.provider;
    const check = deps.plugins.checks.last(outbound.id);
    const last = jobs.lastEndedAttempt(outbound.id);
    let providerProblem: string | null = null;
    if (check && !check.ok) providerProblem = `${outbound.label} failed its last check: ${check.message}`;
    else if (last?.error && PROVIDER_TROUBLE.has(last.error.code))
      providerProblem = `${outbound.label} could not take the last fax: ${last.error.message}`;
    const senders = deps.plugins
      .manifests()
      .filter((m) => m.kinds.includes('outbound') && m.id !== outbound.id)
      .map((m) => m.id);
    const failure = deps.plugins.checks.newestFailure(senders);
    const failedCheck = failure ? { name: deps.plugins.manifest(failure.pluginId).name, message: failure.result.message } : null;
    return { providerProblem, failedCheck };
  }

  const requireJob = (id: string) => {
    const job = jobs.get(id);
    if (!job) throw new FaxError('not_found', `There is no fax job ${id}. It may have been removed; refresh the Outbox.`);
    return job;
  };
  const coverWithChoice = createCoverMaker(settings, deps.covers.templates, deps.logger);
  const coverFor: RecipientCover = async (to, recipientName, cover, totalPages, date) =>
    (await coverWithChoice(to, recipientName, cover, totalPages, date)).pdf;
  const sendOperations = createSendOperations({
    jobs,
    sends: deps.sends,
    documents,
    contacts: deps.contacts,
    settings,
    auditLog: deps.auditLog,
    clock: deps.clock,
    queue,
    emit,
    logger: deps.logger.child('sends'),
    providerId: () => deps.provider.id,
    maxPages: config.maxPages,
    hotFolder: deps.hotFolder,
  }).operations;

  return {
    ...sendOperations,
    ...createInboxOperations(deps),
    ...createReportOperations(deps),
    ...createContactOperations({
      book: deps.contacts,
      settings,
      auditLog: deps.auditLog,
      emit,
      undoMs: config.inboxUndoMs,
      maxFileSizeMb: config.maxFileSizeMb,
      coverTemplateExists: (id) => deps.covers.templates.exists(id),
    }),
    ...createCoverTemplateOperations({ ...deps.covers, settings, auditLog: deps.auditLog, emit }),
    ...createWebhookOperations(deps.webhooks, (name) =>
      deps.auditLog.recordForCaller({ action: 'settings_changed', details: { changed: [name] } }),
    ),
    ...createRetentionOperations(deps.retention),
    ...createStorageMoveOperations(deps.storageMover),
    ...createPluginOperations({
      catalog: deps.plugins,
      activeSlots: () => deps.activePlugins(),
      emit,
      auditLog: deps.auditLog,
      logger: deps.logger.child('plugins'),
    }),
    ...createHttpManifestOperations({
      env: config.env,
      store: deps.httpManifests,
      builtinIds: () => [...BUILTIN_PLUGINS.map((m) => m.id), ...deps.plugins.registry.manifests.map((m) => m.id)],
      // Active now, or named in the config file (to be active after a restart).
      slotsOf: (id) => {
        const active = deps.activePlugins();
        const stored = deps.plugins.store.read().slots;
        return PLUGIN_SLOTS.filter((slot) => active[slot] === id || stored[slot] === id);
      },
      view: (id) => deps.plugins.view(id, deps.activePlugins()),
      changed: ({ action, id }) => {
        deps.auditLog.recordForCaller({ action: 'settings_changed', target: id, details: { changed: [`plugins.manifest_${action}`] } });
        emit('pluginsChanged', deps.plugins.overview(deps.activePlugins()));
      },
    }),
    ...deps.pluginApply,
    ...createAuditOperations({
      auditLog: deps.auditLog,
      keyNames: () => new Map(deps.api.keys.list().map((key) => [key.keyId, key.name])),
      inboundFaxExists: (id) => inbox.get(id) !== null,
    }),

    async getStatus() {
      return {
        version,
        provider: deps.provider.id,
        providerLabel: deps.provider.label,
        activeJobs: jobs.countActive(),
        unreadFaxes: inbox.unreadCount(),
        dataDir: config.dataDir,
        headless: deps.headless,
        watchDir: config.watchDir,
        ...providerHealth(),
      };
    },

    async getSettings() {
      return settings.get();
    },

    async updateSettings(changes) {
      const before = settings.get();
      const updated = settings.update(changes);
      // Which settings, never their values: a notice or a number is not the log's business.
      const changed = (Object.keys(updated) as (keyof typeof updated)[]).filter(
        (name) => JSON.stringify(updated[name]) !== JSON.stringify(before[name]),
      );
      if (changed.length) deps.auditLog.recordForCaller({ action: 'settings_changed', details: { changed } });
      if (changed.some((name) => WINDOW_SETTINGS.includes(name))) queue.windowChanged();
      emit('settingsChanged', updated);
      return updated;
    },

    async stageDocument({ fileName, contentBase64 }) {
      // Refuse an oversize file from its encoded length, before decoding it.
      if (Math.floor((contentBase64.length * 3) / 4) - 2 > maxBytes) {
        throw new FaxError(
          'file_too_large',
          `${fileName} is larger than ${config.maxFileSizeMb} MB, the most one file can be. Split it, or raise MAX_FILE_SIZE_MB.`,
        );
      }
      const bytes = new Uint8Array(Buffer.from(contentBase64, 'base64'));
      const { normalizeDocument, officeConversionFrom } = await imaging();
      const normalized = await normalizeDocument(
        { fileName, bytes },
        { paperSize: settings.get().paperSize, limits: { maxBytes, maxPages: config.maxPages }, office: officeConversionFrom(config.env) },
      );
      const record = await documents.add({ kind: normalized.kind, fileName, pages: normalized.pages, pdf: normalized.pdf, staged: true });
      return { documentId: record.id, fileName, kind: normalized.kind, pages: normalized.pages, bytes: bytes.byteLength };
    },

    async getStagedDocument({ documentId }) {
      const record = documents.staged(documentId);
      return pdfReply(record.fileName, await documents.bytes(documentId));
    },

    // A new document rather than new bytes under the old id: bytes-then-row keeps the old one
    // whole until the new one is, and a storage move never meets a document changing under it.
    async editStagedDocument({ documentId, pages }) {
      const record = documents.staged(documentId);
      const { editPdfPages } = await imaging();
      const edited = await editPdfPages(record.fileName, await documents.bytes(documentId), pages);
      const next = await documents.add({
        kind: record.kind,
        fileName: record.fileName,
        pages: edited.pages,
        pdf: edited.pdf,
        staged: true,
      });
      deps.hotFolder?.stagedReplaced(documentId, next.id);
      await documents.discard(documentId);
      return {
        documentId: next.id,
        fileName: next.fileName,
        kind: record.kind as StagedDocument['kind'],
        pages: next.pages,
        bytes: next.bytes,
      };
    },

    async discardStagedDocument({ documentId }) {
      await documents.discard(documentId);
      deps.hotFolder?.stagedDiscarded(documentId);
      return { ok: true as const };
    },

    async previewCoverPage({ to, recipientName, pages, cover }) {
      const check = checkFaxNumber(to, settings.get().defaultCountry);
      const { pdf, choice } = await coverWithChoice(check.ok ? check.e164 : to, recipientName, cover, pages + 1);
      return { ...pdfReply('cover.pdf', pdf), template: choice };
    },

    async sendFax({ to, recipientName, documentIds, cover, sendAt }) {
      const check = checkFaxNumber(to, settings.get().defaultCountry);
      if (!check.ok) throw new FaxError('invalid_number', check.message, { field: 'to', fields: { to: check.message } });
      // Send later: a send of one, whose cover is drawn on the day it goes.
      if (sendAt !== null && sendAt !== undefined) {
        const send = await sendOperations.sendFaxes({ recipients: [{ to: check.e164, name: recipientName }], documentIds, cover, sendAt });
        return send.jobs[0];
      }
      const staged = documentIds.map((id) => documents.staged(id));
      const parts = await Promise.all(staged.map((doc) => documents.bytes(doc.id)));
      const contentPages = staged.reduce((sum, doc) => sum + doc.pages, 0);
      if (cover) parts.unshift(await coverFor(check.e164, recipientName, cover, contentPages + 1));
      const { mergeDocuments } = await imaging();
      const merged = await mergeDocuments(parts, { maxPages: config.maxPages });
      const doc = await documents.add({ kind: 'pdf', fileName: 'fax.pdf', pages: merged.pages, pdf: merged.pdf, staged: false });
      const id = randomUUID();
      // One transaction: a printed file is never left both queued and not (hotfolder/claimLedger.ts).
      jobs.transaction(() => {
        jobs.insert({
          id,
          to: check.e164,
          recipientName,
          documentId: doc.id,
          pages: merged.pages,
          fileNames: staged.map((d) => d.fileName),
          coverPage: cover !== null,
          cover,
          provider: deps.provider.id,
          maxAttempts: settings.get().maxAttempts,
        });
        deps.hotFolder?.linkJob(id, documentIds);
        // In the same transaction, whoever sends (the window, a REST key, MCP, the CLI).
        deps.auditLog.appendForCaller({
          action: 'fax_sent',
          target: id,
          details: { to: check.e164, pages: merged.pages, file: staged.map((d) => d.fileName).join(', ') },
        });
      });
      faultPoint('job-created');
      for (const d of new Set(staged.map((s) => s.id))) await documents.discard(d);
      const job = requireJob(id);
      deps.logger.info('fax queued', { jobId: id, to: check.e164, pages: merged.pages });
      emit('jobChanged', job);
      queue.wake();
      return job;
    },

    async listJobs({ search, limit, cursor, status, ungrouped }) {
      const page = jobs.list({ search, limit, statuses: status, ungrouped, cursor: decodeCursor(cursor) });
      return { items: page.items, total: page.total, nextCursor: encodeCursor(page.next) };
    },

    async getJob({ id }) {
      return requireJob(id);
    },

    async cancelJob({ id }) {
      const job = requireJob(id);
      if (job.status === 'canceled') return job;
      const canceledNow = jobs.transaction(() => {
        if (!jobs.transition(id, ['queued'], 'canceled')) return false;
        deps.auditLog.appendForCaller({ action: 'fax_canceled', target: id, details: { to: job.to } });
        return true;
      });
      if (!canceledNow) {
        const now = requireJob(id);
        const why = isFinalStatus(now.status)
          ? `it has already ${now.status === 'delivered' ? 'been delivered' : 'finished'}`
          : 'it is already being sent';
        throw new FaxError('wrong_state', `This fax cannot be canceled: ${why}.`);
      }
      const canceled = requireJob(id);
      emit('jobChanged', canceled);
      return canceled;
    },

    async resendJob({ id, sameNumber }) {
      const old = requireJob(id);
      if (!isFinalStatus(old.status))
        throw new FaxError('wrong_state', 'This fax is still going: wait for it to finish, or cancel it, before sending it again.');
      requireDocumentKept(old);
      // The far end said the number is wrong: sending there again at once only fails again.
      if (old.status === 'failed' && old.lastError && isNumberProblem(old.lastError) && sameNumber !== true)
        throw new FaxError(
          'wrong_state',
          `This fax to ${formatFaxNumber(old.to, settings.get().defaultCountry)} failed because ${NUMBER_PROBLEM_WORDS[old.lastError.code] ?? 'of its number'}: check the number with the recipient, then use Edit and resend to correct it, or resend to the same number if you are sure it is right.`,
          { field: 'to' },
        );
      const documentId = jobs.documentIdOf(id);
      if (!documentId || !documents.get(documentId))
        throw new FaxError('not_found', 'The document of this fax is no longer stored, so it cannot be sent again.');
      const newId = randomUUID();
      jobs.transaction(() => {
        jobs.insert({
          id: newId,
          to: old.to,
          recipientName: old.recipientName,
          documentId,
          pages: old.pages,
          fileNames: old.fileNames,
          coverPage: old.coverPage,
          cover: jobs.coverOf(id),
          provider: deps.provider.id,
          maxAttempts: settings.get().maxAttempts,
          resentFrom: id,
          // A recipient of a send stays one: its cover page is drawn from the send's.
          ...(old.sendId ? { sendId: old.sendId } : {}),
        });
        deps.auditLog.appendForCaller({ action: 'fax_sent', target: newId, details: { to: old.to, pages: old.pages, resentFrom: id } });
      });
      const job = requireJob(newId);
      emit('jobChanged', job);
      queue.wake();
      return job;
    },

    async stageResend({ id }) {
      const job = requireJob(id);
      if (!isFinalStatus(job.status))
        throw new FaxError('wrong_state', 'This fax is still going: wait for it to finish, or cancel it, before editing it to send again.');
      requireDocumentKept(job);
      const documentId = jobs.documentIdOf(id);
      if (!documentId || !documents.get(documentId))
        throw new FaxError('not_found', 'The document of this fax is no longer stored, so it cannot be sent again.');
      const send = job.sendId ? deps.sends.get(job.sendId) : null;
      // A fax on its own keeps its cover inside its pages: Send draws it again from the text.
      const { withoutFirstPage, countPdfPages } = await imaging();
      let pdf = await documents.bytes(documentId);
      if (!send && job.coverPage) pdf = (await withoutFirstPage(pdf)).pdf;
      const pages = await countPdfPages(pdf);
      const cover = send ? send.cover : job.coverPage ? (jobs.coverOf(id) ?? { subject: '', notes: '' }) : null;
      const fileName = resendFileName(job.fileNames);
      const record = await documents.add({ kind: 'pdf', fileName, pages, pdf, staged: true });
      return {
        document: { documentId: record.id, fileName, kind: 'pdf' as const, pages, bytes: pdf.byteLength },
        to: job.to,
        recipientName: job.recipientName,
        cover,
      };
    },

    async getJobDocument({ id }) {
      requireDocumentKept(requireJob(id));
      const reply = pdfReply(`fax-${id}.pdf`, await deps.jobDocuments.pdfOf(id));
      deps.auditLog.recordForCaller({ action: 'outbound_viewed', target: id });
      return reply;
    },

    async getHotFolder() {
      return requireHotFolder().status();
    },

    async updateHotFolder(changes) {
      return requireHotFolder().updateSettings(changes);
    },

    async answerHotFolderQuestion({ fileId, faxAgain }) {
      return requireHotFolder().answer(fileId, faxAgain);
    },

    // Settings → API keys. Only the window calls these, so the audit actor is 'window'.
    async getApiSettings() {
      return deps.api.settings();
    },

    async setApiEnabled({ enabled }) {
      return deps.api.setEnabled(enabled);
    },

    async createApiKey({ name, scopes }) {
      return deps.api.createKey(name, scopes);
    },

    async revokeApiKey({ keyId }) {
      return deps.api.revokeKey(keyId);
    },

    async rotateApiKey({ keyId }) {
      return deps.api.rotateKey(keyId);
    },
  };
}
