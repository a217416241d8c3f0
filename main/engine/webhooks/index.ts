// The webhook listener: provider callbacks under a per-install path secret, its health,
// the self-test and the optional tunnel. Providers see only the types and the address book.
export type { ParsedForm, WebhookAddressBook, WebhookEvent, WebhookRejection, WebhookRequest, WebhookRoute } from './types';
export { WebhookService, type WebhookServiceOptions } from './webhookService';
export type { WebhookProvider } from './webhookListener';
export { ngrokTunnelStarter, type Tunnel, type TunnelStarter } from './tunnel';
export { createWebhookOperations } from './webhookOperations';
export { parseFormBody } from './formBody';
