// The MCP tools through a running Faxbot's REST API, for `faxbot mcp` when the app or
// `faxbot serve` already holds the data folder (only one engine may run on it).
import { FAX_ERROR_CODES, FaxError, type FaxErrorCode } from '../../../../shared/errors';
import type { ContactPageJson, FaxJobJson, FaxTools, InboundPageJson } from './faxTools';

export interface RestFaxToolsOptions {
  /** e.g. http://127.0.0.1:8080 (FAX_API_URL). */
  baseUrl: string;
  apiKey: string;
  /** How long one request may take before the tool gives up. */
  timeoutMs?: number;
}

const isFaxErrorCode = (code: unknown): code is FaxErrorCode =>
  typeof code === 'string' && (FAX_ERROR_CODES as readonly string[]).includes(code);

async function problemOf(response: Response, baseUrl: string): Promise<FaxError> {
  let body: { detail?: unknown; code?: unknown } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // Not JSON (a proxy, another program on the port): the status says enough.
  }
  const detail = typeof body.detail === 'string' ? body.detail : '';
  if (response.status === 401) {
    return new FaxError(
      'not_signed_in',
      `Faxbot at ${baseUrl} refused the API key in API_KEY${detail ? ` (${detail})` : ''}: create a key in Settings → API keys and set API_KEY to it.`,
    );
  }
  const code = isFaxErrorCode(body.code)
    ? body.code
    : response.status === 404
      ? 'not_found'
      : response.status === 403
        ? 'no_permission'
        : 'internal';
  return new FaxError(code, detail || `Faxbot at ${baseUrl} answered HTTP ${response.status}.`);
}

export function restFaxTools(options: RestFaxToolsOptions): FaxTools {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 120_000;

  async function request(path: string, init: RequestInit = {}): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        ...init,
        headers: { 'X-API-Key': options.apiKey, ...(init.headers as Record<string, string> | undefined) },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const why = (error as Error).name === 'TimeoutError' ? 'did not answer in time' : 'is not answering';
      throw new FaxError(
        'internal',
        `Faxbot's API at ${baseUrl} ${why}: check that the Faxbot app (with the API turned on in Settings → API keys) or "faxbot serve" is running, or set FAX_API_URL.`,
      );
    }
    if (!response.ok) throw await problemOf(response, baseUrl);
    return response;
  }

  const segment = (id: string) => encodeURIComponent(id);

  return {
    async sendFax({ to, fileName, content }) {
      const form = new FormData();
      form.set('to', to);
      form.set('file', new Blob([new Uint8Array(content)]), fileName);
      return (await (await request('/fax', { method: 'POST', body: form })).json()) as FaxJobJson;
    },
    async getFaxStatus(jobId) {
      return (await (await request(`/fax/${segment(jobId)}`)).json()) as FaxJobJson;
    },
    async listInbound({ limit, cursor }) {
      const query = new URLSearchParams();
      if (limit !== undefined) query.set('limit', String(limit));
      if (cursor !== undefined) query.set('cursor', cursor);
      const suffix = query.size ? `?${query}` : '';
      return (await (await request(`/inbound${suffix}`)).json()) as InboundPageJson;
    },
    async getInboundPdf(inboundId) {
      const response = await request(`/inbound/${segment(inboundId)}/pdf`);
      return { fileName: `received-${inboundId}.pdf`, pdf: new Uint8Array(await response.arrayBuffer()) };
    },
    async findContacts({ search, limit }) {
      const query = new URLSearchParams({ search, limit: String(limit) });
      return (await (await request(`/contacts?${query}`)).json()) as ContactPageJson;
    },
  };
}
