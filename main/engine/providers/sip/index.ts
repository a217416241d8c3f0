// The `sip` provider: faxing through a self-hosted Asterisk over AMI (FAX_BACKEND=sip).
export { SipProvider, type SipProviderOptions, type FaxTiffImaging } from './sipProvider';
export { sipSettingsFromEnv, SIP_DEFAULTS, type SipSettings } from './settings';
export { faxResult, faxResultFromDb, unansweredResult, attemptOf, originateRefused, type CallResult } from './callResult';
