// Streams a download (a fax PDF, a file of the window) to the client. A client that leaves
// part-way is ordinary (a closed tab, a cancelled save): the source is closed, nothing is
// logged as an error. Only a failure of the source itself is the caller's to report.
import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isBrokenStreamError } from './brokenStreams';

/**
 * Resolves 'sent' when every byte went out, 'client_gone' when the client hung up first;
 * rejects with the source's error (the response is then cut short, never passed off as whole).
 * Either way both streams are closed.
 */
export async function streamToClient(source: Readable, response: ServerResponse): Promise<'sent' | 'client_gone'> {
  try {
    await pipeline(source, response);
    return 'sent';
  } catch (error) {
    response.destroy();
    // pipeline rejects with the first failure: the client's leaving (a premature close, a reset),
    // or the source's own error (storage wraps its failures, so they never look like a hang-up).
    if (isBrokenStreamError(error)) return 'client_gone';
    throw error;
  }
}
