// POST /rpc/<operation>: the shared contract as HTTP JSON. The payload goes through the same
// dispatch as Electron IPC (schema first, then the engine), so both transports behave alike.
import type { IncomingMessage } from 'node:http';
import type { RpcReply } from '../../shared/contract';
import { httpStatusOf } from '../../shared/errorStatus';
import { dispatch, type Engine } from '../engine';
import { presentedToken, tokenMatches } from './auth';
import { sendError, sendJson } from './responses';
import { underPath, type HeadlessRoute } from './route';

const MIB = 1024 * 1024;

/** Big enough for one file of MAX_FILE_SIZE_MB as base64 (4/3, rounded up) plus the JSON around it. */
export function rpcBodyLimit(maxFileSizeMb: number): number {
  return Math.ceil(maxFileSizeMb * MIB * 1.4) + MIB;
}

export function statusForReply(reply: RpcReply<unknown>): number {
  return reply.ok ? 200 : httpStatusOf(reply.error.code);
}

class BodyTooLarge extends Error {}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.off('data', onData);
        // Stop buffering: the rest of an oversize upload is never held in memory.
        request.pause();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve(Buffer.concat(chunks)));
    request.once('error', reject);
  });
}

export interface RpcRouteOptions {
  engine: Engine;
  token: string;
  maxBodyBytes: number;
}

export function createRpcRoute({ engine, token, maxBodyBytes }: RpcRouteOptions): HeadlessRoute {
  const tooLarge = `The request is larger than Faxbot accepts (${(maxBodyBytes / MIB).toFixed(1)} MB). A file can be up to ${engine.config.maxFileSizeMb} MB (MAX_FILE_SIZE_MB).`;
  // The connection is closed after a 413 so the rest of the upload is not read either.
  const refuseOversize = (response: Parameters<HeadlessRoute['handle']>[0]['response']) =>
    sendError(response, 'file_too_large', tooLarge, { Connection: 'close' });

  return {
    name: 'rpc',
    matches: underPath('/rpc'),
    async handle({ request, response, pathname, query }) {
      if (request.method !== 'POST') {
        sendError(response, 'method_not_allowed', 'Call operations with POST /rpc/<operation>.', { Allow: 'POST' });
        return;
      }
      if (!tokenMatches(token, presentedToken(request, query, false))) {
        sendError(
          response,
          'not_signed_in',
          'This Faxbot needs its access token: open the address `faxbot serve` printed, with ?token=… in it.',
        );
        return;
      }
      const declared = Number(request.headers['content-length'] ?? 0);
      if (declared > maxBodyBytes) {
        refuseOversize(response);
        return;
      }
      let name: string;
      try {
        name = decodeURIComponent(pathname.slice('/rpc/'.length));
      } catch {
        name = pathname;
      }
      let body: Buffer;
      try {
        body = await readBody(request, maxBodyBytes);
      } catch (error) {
        if (error instanceof BodyTooLarge) refuseOversize(response);
        else response.destroy();
        return;
      }
      let payload: unknown = {};
      const text = body.toString('utf8');
      if (text.trim() !== '') {
        try {
          payload = JSON.parse(text);
        } catch {
          const reply: RpcReply<never> = {
            ok: false,
            error: {
              code: 'invalid_input',
              message: `The ${name} request is not JSON.`,
              fields: { '(payload)': 'send the input as a JSON object' },
            },
          };
          sendJson(response, statusForReply(reply), reply);
          return;
        }
      }
      const reply = await dispatch(engine, name, payload);
      sendJson(response, statusForReply(reply), reply);
    },
  };
}
