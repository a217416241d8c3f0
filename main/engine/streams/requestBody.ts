// The one way the servers read a request body into memory: up to a limit, and with every way
// a body can fail to arrive (client gone, connection reset) answered, never left unheard.
import type { IncomingMessage } from 'node:http';
import { FaxError } from '../../../shared/errors';

/** The request ended before its body did: the client hung up, or the connection broke. */
export function bodyCutShort(cause?: unknown): FaxError {
  return new FaxError('invalid_input', 'The request ended before its body was complete: send it again.', { cause });
}

/**
 * The whole body, or null once it passes `limit` bytes: then reading stops (the request is
 * paused, what arrived is dropped) and the caller answers, draining or hanging up as it sees fit.
 * Rejects with bodyCutShort when the body never finishes.
 */
export function readRequestBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      stop();
      chunks.length = 0;
      request.pause();
      resolve(null);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks));
    };
    // 'close' before 'end' is a body that will never finish, whether or not an error came first.
    const onClose = () => {
      stop();
      reject(bodyCutShort());
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('close', onClose);
    // Kept after the body is read: a reset arriving later must still find a listener.
    request.on('error', (error) => {
      stop();
      reject(bodyCutShort(error));
    });
  });
}
