export { InboxStore, type InboxQuery, type InboundPresence } from './inboxStore';
export { InboxPurge } from './inboxPurge';
export { createInboxOperations, type InboxOperations } from './inboxOperations';
export { createFaxReceiver, type FaxReceiverDeps } from './faxReceiver';
