export { InboxStore } from './inboxStore';
