// The Sinch Fax v3 requests the plugin makes (contract §2), over the project's one HTTP
// client (global fetch). A 401 saying the token expired is retried once with a fresh token.
import { FaxError } from '../../../../shared/errors';
import type { SinchAuth } from './sinchAuth';
import { httpError, transportError } from './sinchErrors';
import { asSinchFax, LABEL_KEY, type SinchFax } from './faxStatus';

export interface SinchSendRequest {
  to: string;
  from?: string;
  headerText?: string;
  pdf: Uint8Array;
  fileName: string;
  labels: Record<string, string>;
  callbackUrl?: string;
}

interface Call {
  method: 'GET' | 'POST';
  path: string;
  body?: () => FormData;
  accept?: string;
  doing: string;
  /** False for a send: a broken connection after writing it leaves the outcome unknown. */
  safeToRepeat: boolean;
}

/** Pages scanned when looking a fax up by label: enough for a day of a busy office. */
const LOOKUP_PAGES = 10;

export class SinchApi {
  constructor(
    private readonly projectUrl: string,
    private readonly auth: SinchAuth,
    private readonly timeoutMs: number,
  ) {}

  private async call(call: Call): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const authorization = await this.auth.header();
      let response: Response;
      try {
        response = await fetch(this.projectUrl + call.path, {
          method: call.method,
          headers: { authorization, accept: call.accept ?? 'application/json' },
          body: call.body?.(),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (error) {
        throw transportError(error, call.doing, call.safeToRepeat);
      }
      // A 401 is a refusal, so even a send was not accepted: one retry with a new token is safe.
      if (response.status === 401 && attempt === 0 && authorization.startsWith('Bearer ')) {
        await response.arrayBuffer().catch(() => undefined);
        this.auth.invalidate(authorization);
        continue;
      }
      if (!response.ok) {
        const text = await response.text().catch(() => '');
        throw httpError(response.status, text, response.headers.get('retry-after'), call.doing);
      }
      return response;
    }
  }

  private async json(call: Call): Promise<unknown> {
    const response = await this.call(call);
    try {
      return await response.json();
    } catch (error) {
      if (!call.safeToRepeat) throw transportError(error, call.doing, false);
      throw new FaxError('provider_error', `Sinch answered ${call.doing} with something that is not JSON; trying again later.`, {
        retryable: true,
      });
    }
  }

  async send(request: SinchSendRequest): Promise<SinchFax> {
    const body = () => {
      const form = new FormData();
      form.append('to', request.to);
      if (request.from) form.append('from', request.from);
      if (request.headerText) form.append('headerText', request.headerText.slice(0, 50));
      form.append('labels', JSON.stringify(request.labels));
      if (request.callbackUrl) {
        form.append('callbackUrl', request.callbackUrl);
        form.append('callbackUrlContentType', 'application/json');
      }
      form.append('file', new Blob([new Uint8Array(request.pdf)], { type: 'application/pdf' }), request.fileName);
      return form;
    };
    const reply = await this.json({ method: 'POST', path: '/faxes', body, doing: 'send the fax', safeToRepeat: false });
    const fax = asSinchFax(reply) ?? asSinchFax((reply as { faxes?: unknown[] } | null)?.faxes?.[0]);
    if (!fax)
      throw new FaxError('outcome_unknown', 'Sinch accepted the fax without saying its id; Faxbot will look it up before sending again.', {
        retryable: true,
      });
    return fax;
  }

  async getFax(id: string): Promise<SinchFax> {
    const fax = asSinchFax(
      await this.json({ method: 'GET', path: `/faxes/${encodeURIComponent(id)}`, doing: 'check the fax status', safeToRepeat: true }),
    );
    if (!fax)
      throw new FaxError('provider_error', 'Sinch answered a status request without a fax; trying again later.', { retryable: true });
    return fax;
  }

  /** The outbound fax labelled with this key, or null. Filters again here: label query encoding is unconfirmed. */
  async findByLabel(key: string): Promise<SinchFax | null> {
    for (let page = 1; page <= LOOKUP_PAGES; page++) {
      const query = new URLSearchParams({ direction: 'OUTBOUND', labels: `${LABEL_KEY}:${key}`, pageSize: '100', page: String(page) });
      const reply = (await this.json({ method: 'GET', path: `/faxes?${query}`, doing: 'look the fax up', safeToRepeat: true })) as {
        faxes?: unknown;
        totalPages?: unknown;
      } | null;
      const faxes = Array.isArray(reply?.faxes) ? reply.faxes : [];
      for (const raw of faxes) {
        const fax = asSinchFax(raw);
        if (fax?.labels?.[LABEL_KEY] === key) return fax;
      }
      const totalPages = Number(reply?.totalPages);
      if (!Number.isFinite(totalPages) || page >= totalPages) return null;
    }
    return null;
  }

  async downloadFile(id: string): Promise<Uint8Array> {
    const response = await this.call({
      method: 'GET',
      path: `/faxes/${encodeURIComponent(id)}/file`,
      accept: 'application/pdf',
      doing: 'download the received fax',
      safeToRepeat: true,
    });
    return new Uint8Array(await response.arrayBuffer());
  }

  async listServices(): Promise<void> {
    await this.json({ method: 'GET', path: '/services', doing: 'test the connection', safeToRepeat: true });
  }
}
