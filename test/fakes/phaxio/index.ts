export { startFakePhaxio, type FakePhaxio, type FakePhaxioOptions, type SendFault } from './fakePhaxio';
export {
  PHAXIO_FAKE_NUMBERS,
  BUSY,
  NO_ANSWER,
  MIMETYPE_NOT_SUPPORTED,
  type FakeFax,
  type ScriptedOutcome,
  type ScriptedFailure,
} from './faxRecord';
export type { WebhookDelivery, WebhookFaults } from './webhookPoster';
