// The fake Sinch Fax API v3 for tests (contracts/sinch-fax-v3.md §8).
export { startFakeSinch, type FakeSinch, type FakeSinchControls, type FakeSinchOptions, type FaultTarget } from './fakeSinch';
export { TEST_NUMBER, type FakeFax, type ScriptedOutcome } from './faxBook';
export type { CallbackContentType } from './callbacks';
