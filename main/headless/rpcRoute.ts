// POST /rpc/<operation>: the shared contract as HTTP JSON. The payload goes through the same
// dispatch as Electron IPC (schema first, then the engine), so both transports behave alike.
import type { RpcReply } from '../../shared/contract';
import { httpStatusOf } from '../../shared/errorStatus';
import { dispatch, type Engine } from '../engine';
import { clientGone, readRequestBody } from '../engine/streams';
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
      let body: Buffer | null;
      try {
        body = await readRequestBody(request, maxBodyBytes);
      } catch (error) {
        // The body never finished: answered only if the client is still there to read it.
        if (clientGone(request, response)) response.destroy();
        else sendError(response, 'invalid_input', (error as Error).message, { Connection: 'close' });
        return;
      }
      if (body === null) {
        refuseOversize(response);
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
