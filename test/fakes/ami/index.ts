// The fake Asterisk Manager Interface for tests (contracts/asterisk-ami.md §13).
export { startFakeAmi, FAKE_AMI_USER, type FakeAmi, type FakeAmiOptions, type FakeAmiUser, type OriginateRecord } from './fakeAmi';
export type { CallOutcome } from './callScript';
export { makeFaxTiff } from './faxTiffFile';
