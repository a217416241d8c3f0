// Which errors mean "a connection or a stream broke" (the other side left, a body ended
// early) rather than "Faxbot has a bug". The first kind is the network's doing: the request
// it belonged to is dropped and everything else goes on. The second must surface.
import type { IncomingMessage, ServerResponse } from 'node:http';

// Errno codes of a socket the other side closed or that timed out, and Node's codes for a
// stream used after it was closed, ended or destroyed: all end one connection, none corrupt state.
const BROKEN_STREAM_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ERR_STREAM_PREMATURE_CLOSE',
  'ERR_STREAM_DESTROYED',
  'ERR_STREAM_WRITE_AFTER_END',
  'ERR_STREAM_ALREADY_FINISHED',
]);

// busboy's errors carry no code ("Unexpected end of form", "Malformed part header"): they are
// known by where they were thrown. Every one of them is about the bytes a client sent.
const FROM_BUSBOY = /[\\/]node_modules[\\/]busboy[\\/]/;

export function isBrokenStreamError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string' && BROKEN_STREAM_CODES.has(code)) return true;
  const firstFrame = error.stack?.split('\n').find((line) => line.trimStart().startsWith('at ')) ?? '';
  return FROM_BUSBOY.test(firstFrame);
}

/** True once the client hung up: nobody is left to read an answer, so none is written. */
export function clientGone(request: IncomingMessage, response: ServerResponse): boolean {
  return response.destroyed || request.socket.destroyed || (request.destroyed && !request.complete);
}

/**
 * For a server's last catch: when the client is gone, drops its connection quietly (there is
 * nobody to answer, and the network is not Faxbot's failure) and answers true. A client still
 * there gets the caller's answer and log, even for a stream error: then it is Faxbot's own.
 */
export function droppedForGoneClient(request: IncomingMessage, response: ServerResponse): boolean {
  if (!clientGone(request, response)) return false;
  response.destroy();
  return true;
}
