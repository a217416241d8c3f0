// All the desk's stores over one engine connection, and the wiring of engine events into
// them: the screens never poll, they follow what the engine announces.
import type { FaxbotApi } from '../../../shared/contract';
import type { FaxJob } from '../../../shared/model';
import { createApiKeysStore, type ApiKeysStore } from './apiKeysStore';
import { createInboxStore, type InboxStore } from './inboxStore';
import { createNavStore, type NavStore } from './navStore';
import { createOutboxStore, type OutboxStore } from './outboxStore';
import { createSendStore, type SendStore } from './sendStore';
import { createSettingsStore, FALLBACK_COUNTRY, type SettingsStore } from './settingsStore';
import { createStatusStore, type StatusStore } from './statusStore';

export interface Desk {
  api: FaxbotApi;
  nav: NavStore;
  send: SendStore;
  outbox: OutboxStore;
  inbox: InboxStore;
  settings: SettingsStore;
  status: StatusStore;
  /** Settings → API keys; loaded when that tab opens, since most desks never look at it. */
  apiKeys: ApiKeysStore;
  /** Subscribes to engine events and loads every list; answers a function that stops it. */
  start(): () => void;
  /** Sends the fax on the Send screen and opens it in the Outbox. */
  sendAndShow(): Promise<FaxJob | null>;
  defaultCountry(): string;
}

export function createDesk(api: FaxbotApi): Desk {
  const desk: Desk = {
    api,
    nav: createNavStore(),
    send: createSendStore(api),
    outbox: createOutboxStore(api),
    inbox: createInboxStore(api),
    settings: createSettingsStore(api),
    status: createStatusStore(api),
    apiKeys: createApiKeysStore(api),
    defaultCountry: () => desk.settings.getState().settings?.defaultCountry ?? FALLBACK_COUNTRY,
    start() {
      const stops = [
        api.on('jobChanged', (job) => desk.outbox.getState().applyJob(job)),
        api.on('faxReceived', (fax) => desk.inbox.getState().applyReceived(fax)),
        api.on('inboxChanged', (change) => desk.inbox.getState().applyChanged(change)),
        api.on('settingsChanged', (settings) => desk.settings.getState().apply(settings)),
      ];
      const loadAll = () => {
        void desk.status.getState().load();
        void desk.settings.getState().load();
        void desk.outbox.getState().load();
        void desk.inbox.getState().load();
      };
      // Events the stream missed while it was down are read back from the lists.
      const reconnectable = api as Partial<{ onReconnect(listener: () => void): () => void }>;
      if (typeof reconnectable.onReconnect === 'function') stops.push(reconnectable.onReconnect(loadAll));
      // Subscribed first, loaded second: nothing that happens in between is missed.
      loadAll();
      return () => stops.forEach((stop) => stop());
    },
    async sendAndShow() {
      const job = await desk.send.getState().send(desk.defaultCountry());
      if (!job) return null;
      desk.outbox.getState().applyJob(job);
      desk.outbox.getState().select(job.id);
      desk.nav.getState().go('outbox');
      return job;
    },
  };
  return desk;
}
