export {
  startFakeHttpFax,
  HTTPFAX_BUSY_NUMBER,
  HTTPFAX_BUSY_ERROR,
  type FakeHttpFax,
  type HttpFaxFault,
  type HttpFaxRecord,
  type HttpFaxStatus,
} from './fakeHttpFax';
