// Streams the servers read and write, and the errors they raise: one body reader, one way to
// stream a download, one rule for "the connection broke", and the process guard built on it.
export { isBrokenStreamError, clientGone, droppedForGoneClient } from './brokenStreams';
export { readRequestBody, bodyCutShort } from './requestBody';
export { streamToClient } from './download';
export { surviveStreamErrors } from './processGuard';
