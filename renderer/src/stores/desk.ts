// All the desk's stores over one engine connection, and the wiring of engine events into
// them: the screens never poll, they follow what the engine announces.
import type { FaxbotApi } from '../../../shared/contract';
import { inboundSenderName, type HotFolderPickup, type InboundFax } from '../../../shared/model';
import { isSend, type SentFax } from './sendRecipients';
import { formatFaxNumber } from '../../../shared/faxNumber';
import { createArrivalsStore, type ArrivalsStore, type SystemNotices } from './arrivalsStore';
import { createPrintedFilesStore, type PrintedFilesStore } from './printedFilesStore';
import { createApiKeysStore, type ApiKeysStore } from './apiKeysStore';
import { createInboxStore, type InboxStore } from './inboxStore';
import { createNavStore, type NavStore } from './navStore';
import { createOutboxStore, type OutboxStore } from './outboxStore';
import { createSendStore, type SendStore } from './sendStore';
import { createRecentsStore, type RecentsStore } from './recentsStore';
import { createSettingsStore, FALLBACK_COUNTRY, type SettingsStore } from './settingsStore';
import { createStatusStore, type StatusStore } from './statusStore';
import { createWebhooksStore, type WebhooksStore } from './webhooksStore';
import { createContactsStore, type ContactsStore } from './contactsStore';
import { createContactImportStore, type ContactImportStore } from './contactImportStore';
import { createRecipientSearchStore, type RecipientSearchStore } from './recipientSearch';
import { createCoverTemplatesStore, type CoverTemplatesStore } from './coverTemplatesStore';

const PROVIDER_TROUBLE: readonly string[] = ['provider_unavailable', 'provider_auth', 'provider_timeout'];

export interface Desk {
  api: FaxbotApi;
  nav: NavStore;
  send: SendStore;
  /** Numbers faxed recently, offered under the To field on Send. */
  recents: RecentsStore;
  outbox: OutboxStore;
  inbox: InboxStore;
  settings: SettingsStore;
  status: StatusStore;
  /** Settings → API keys; loaded when that tab opens, since most desks never look at it. */
  apiKeys: ApiKeysStore;
  /** Settings → Webhooks and the status line's webhook words. */
  webhooks: WebhooksStore;
  /** The watched printer folder: its problem, settings and "printed twice" questions. */
  printed: PrintedFilesStore;
  /** The Contacts screen: the address book, its groups and duplicates. */
  contacts: ContactsStore;
  /** The Contacts screen's import dialog. */
  contactImport: ContactImportStore;
  /** The contacts the To field on Send offers for what is typed. */
  recipientSearch: RecipientSearchStore;
  /** Cover page templates: Send's picker, the contact form, Settings → Cover pages and its live preview. */
  coverTemplates: CoverTemplatesStore;
  /** Each received fax's notice in the page (and in the system, where allowed). */
  arrivals: ArrivalsStore;
  /** Subscribes to engine events and loads every list; answers a function that stops it. */
  start(): () => void;
  /** Sends the fax on the Send screen and opens it (or its send) in the Outbox. */
  sendAndShow(): Promise<SentFax | null>;
  /** Puts a received fax on Send as a document (Inbox → Forward) and opens Send. */
  forwardFax(id: string): Promise<boolean>;
  /**
   * Edit and resend: the fax's pages, number, recipient and cover put on Send, editable; what
   * was on Send is cleared first (Undo brings it back).
   */
  editAndResend(jobId: string): Promise<boolean>;
  /** Puts printed documents on Send (with the number they named) and opens Send. */
  takePrinted(pickup: HotFolderPickup): void;
  /** Opens a received fax in the Inbox (a notice was clicked). */
  openReceived(fax: InboundFax): void;
  defaultCountry(): string;
}

/** "Fax received" / "From Dr. Amy Lee, 3 pages." — the words of the Electron shell's notification too. */
export function receivedFaxWords(fax: InboundFax, country: string): { title: string; body: string } {
  const sender = inboundSenderName(fax) || (fax.from ? formatFaxNumber(fax.from, country) : 'an unknown number');
  return { title: 'Fax received', body: `From ${sender}, ${fax.pages === 1 ? '1 page' : `${fax.pages} pages`}.` };
}

export function createDesk(api: FaxbotApi, systemNotices: SystemNotices | null = null): Desk {
  const desk: Desk = {
    api,
    nav: createNavStore(),
    send: createSendStore(api),
    recents: createRecentsStore(api),
    outbox: createOutboxStore(api),
    inbox: createInboxStore(api),
    settings: createSettingsStore(api),
    status: createStatusStore(api),
    apiKeys: createApiKeysStore(api),
    webhooks: createWebhooksStore(api),
    printed: createPrintedFilesStore(api),
    contacts: createContactsStore(api, () => desk.defaultCountry()),
    contactImport: createContactImportStore(api),
    recipientSearch: createRecipientSearchStore(api),
    coverTemplates: createCoverTemplatesStore(api),
    arrivals: createArrivalsStore(systemNotices),
    defaultCountry: () => desk.settings.getState().settings?.defaultCountry ?? FALLBACK_COUNTRY,
    start() {
      // A template deleted elsewhere is no longer the one picked on Send: the fax goes back to the default.
      const loadTemplates = async () => {
        await desk.coverTemplates.getState().load();
        const picked = desk.send.getState().coverTemplateId;
        const { items, loadError } = desk.coverTemplates.getState();
        if (picked && !loadError && !items.some((t) => t.id === picked)) desk.send.getState().setCoverTemplate(null);
        else desk.send.getState().redrawCover();
      };
      const stops = [
        api.on('jobChanged', (job) => {
          desk.outbox.getState().applyJob(job);
          // The provider refused a fax, or took one after trouble: the status line says so.
          const trouble = job.lastError !== null && PROVIDER_TROUBLE.includes(job.lastError.code);
          if (trouble || (job.status === 'delivered' && desk.status.getState().status?.providerProblem)) void desk.status.getState().load();
        }),
        api.on('sendChanged', (send) => desk.outbox.getState().applySend(send)),
        api.on('faxReceived', (fax) => {
          desk.inbox.getState().applyReceived(fax);
          desk.arrivals.getState().arrived(fax, receivedFaxWords(fax, desk.defaultCountry()), () => desk.openReceived(fax));
        }),
        api.on('inboxChanged', (change) => desk.inbox.getState().applyChanged(change)),
        api.on('settingsChanged', (settings) => desk.settings.getState().apply(settings)),
        api.on('webhookHealth', (health) => desk.webhooks.getState().apply(health)),
        api.on('hotFolderPickup', (pickup) => desk.takePrinted(pickup)),
        api.on('hotFolderQuestion', (question) => desk.printed.getState().ask(question)),
        api.on('hotFolderStatus', (status) => desk.printed.getState().apply(status)),
        // A provider applied in Settings → Plugins changes what the status line names.
        api.on('pluginsChanged', () => void desk.status.getState().load()),
        api.on('coverTemplatesChanged', () => void loadTemplates()),
        api.on('contactsChanged', (change) => {
          desk.contacts.getState().applyChanged(change);
          // Each template counts the contacts that have it as their default.
          void loadTemplates();
          const typed = desk.recipientSearch.getState().typed;
          if (typed || change.groups) void desk.recipientSearch.getState().search(typed, { groupsChanged: change.groups === true });
        }),
      ];
      const loadAll = () => {
        void loadTemplates();
        void desk.status.getState().load();
        void desk.webhooks.getState().load();
        void desk.settings.getState().load();
        void desk.outbox.getState().load();
        void desk.inbox.getState().load();
        void desk.recents.getState().load();
        // Printed while no window was open: those documents are waiting for the Send screen.
        void desk.printed
          .getState()
          .load()
          .then((status) => status?.waiting.forEach((pickup) => desk.takePrinted(pickup)));
      };
      // Events the stream missed while it was down are read back from the lists.
      const reconnectable = api as Partial<{ onReconnect(listener: () => void): () => void }>;
      if (typeof reconnectable.onReconnect === 'function') stops.push(reconnectable.onReconnect(loadAll));
      // Subscribed first, loaded second: nothing that happens in between is missed.
      loadAll();
      return () => stops.forEach((stop) => stop());
    },
    async sendAndShow() {
      const sent = await desk.send.getState().send(desk.defaultCountry());
      if (!sent) return null;
      // The number just used is the newest recent one.
      void desk.recents.getState().load();
      if (isSend(sent)) {
        const { jobs, skipped: _skipped, duplicates: _duplicates, ...summary } = sent;
        jobs.forEach((job) => desk.outbox.getState().applyJob(job));
        desk.outbox.getState().applySend(summary);
        void desk.outbox.getState().selectSend(sent.id);
      } else {
        desk.outbox.getState().applyJob(sent);
        desk.outbox.getState().select(sent.id);
      }
      desk.nav.getState().go('outbox');
      return sent;
    },
    takePrinted(pickup) {
      // Only news opens Send: a reconnect re-reading the same documents leaves the screen be.
      if (desk.send.getState().addPrinted(pickup, desk.defaultCountry())) desk.nav.getState().go('send');
    },
    openReceived(fax) {
      desk.arrivals.getState().dismiss(fax.id);
      desk.nav.getState().go('inbox');
      void desk.inbox.getState().open(desk.inbox.getState().faxes[fax.id] ?? fax);
    },
    async editAndResend(jobId) {
      const staged = await desk.outbox.getState().stageResend(jobId);
      if (!staged) return false;
      const send = desk.send.getState();
      send.clear();
      send.addStagedDocument(staged.document);
      send.setRecipient(formatFaxNumber(staged.to, desk.defaultCountry()), staged.recipientName);
      send.setSubject(staged.cover?.subject ?? '');
      send.setNotes(staged.cover?.notes ?? '');
      send.setCoverTemplate(staged.cover?.templateId ?? null);
      send.setCover(staged.cover !== null);
      desk.nav.getState().go('send');
      return true;
    },
    async forwardFax(id) {
      const staged = await desk.inbox.getState().forward(id);
      if (!staged) return false;
      desk.send.getState().addStagedDocument(staged);
      desk.nav.getState().go('send');
      return true;
    },
  };
  return desk;
}
