// Several recipients and Send later: a send fans one document set out into one job per
// recipient (sendOperations.ts), each recipient's cover drawn when its job is sent
// (jobDocument.ts); the Outbox follows each send as one row (sendChanged, coalesced here).
export { SendStore, type SendRow } from './sendStore';
export {
  createSendOperations,
  summarizeSend,
  sendNotFound,
  type RecipientCover,
  type SendOperationDeps,
  type SendOperations,
} from './sendOperations';
export { createJobDocuments } from './jobDocument';
export { resolveRecipients, type Recipient, type RecipientList } from './recipients';
export { SendAnnouncer } from './sendAnnouncer';
