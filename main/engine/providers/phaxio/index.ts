export { PhaxioProvider, type PhaxioProviderOptions } from './phaxioProvider';
export { phaxioSettingsFromEnv, PHAXIO_DEFAULT_BASE_URL, type PhaxioSettings } from './settings';
export { phaxioSignature, phaxioSignedString, verifyPhaxioSignature, type SignedForm } from './signature';
export { PhaxioRateLimited } from './phaxioClient';
