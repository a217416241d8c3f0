// The Sinch Fax API v3 provider: the plugin, its settings from the environment, and the
// webhook verification (exported for the listener's tests and the health self-test).
export { SinchProvider, type SinchProviderOptions } from './sinchProvider';
export { sinchSettingsFromEnv, SINCH_DEFAULT_AUTH_URL, SINCH_DEFAULT_BASE_URL, type SinchSettings } from './settings';
export { sinchCallbackCredentials, verifySinchCredentials, type CallbackCredentials } from './sinchWebhooks';
export { statusFromSinchFax, type SinchFax } from './faxStatus';
