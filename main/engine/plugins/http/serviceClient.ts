// The one way a manifest provider talks to its service: Node's fetch, with every hop checked
// against allowed_domains (redirects are followed by hand, never off the list), a timeout over
// the whole exchange, and a cap on how much of an answer is read.
import { FaxError } from '../../../../shared/errors';
import { urlRefusal } from './domains';
import { NEVER_SENT, networkCode } from '../../providers/transportErrors';

export interface ServiceRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string | URLSearchParams | FormData;
}

export interface ServiceAnswer {
  status: number;
  headers: Headers;
  /** The parsed JSON answer; null for an empty body. */
  json: unknown;
}

export interface ServiceLimits {
  /** The service's name, for messages. */
  name: string;
  allowedDomains: readonly string[];
  timeoutMs: number;
  maxResponseBytes: number;
}

const MAX_REDIRECTS = 3;

/**
 * One request and its JSON answer, whatever the HTTP status (the caller reads the status).
 * `ambiguous`: the request may have taken effect even if no readable answer came (sending a
 * fax), so a lost or unreadable answer is outcome_unknown rather than a plain failure.
 */
export async function callService(limits: ServiceLimits, request: ServiceRequest, ambiguous: boolean): Promise<ServiceAnswer> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let current = request;
  for (let hop = 0; ; hop++) {
    const refused = urlRefusal(current.url, limits.allowedDomains);
    if (refused) {
      const where =
        hop === 0 ? 'The request' : `${limits.name} redirected Faxbot to ${current.url.host}, which was not followed: the address`;
      throw new FaxError('provider_error', `${where} ${refused}.`);
    }
    let response: Response;
    try {
      response = await fetch(current.url, {
        method: current.method,
        headers: current.headers,
        body: current.body,
        redirect: 'manual',
        signal,
      });
    } catch (error) {
      throw networkError(limits.name, error, ambiguous);
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel().catch(() => undefined);
      if (hop >= MAX_REDIRECTS)
        throw new FaxError(
          'provider_error',
          `${limits.name} redirected Faxbot more than ${MAX_REDIRECTS} times: check the manifest's URLs.`,
        );
      // As browsers do: 303 (and 301/302 after a POST) turn into a GET without a body.
      const toGet = response.status === 303 || ((response.status === 301 || response.status === 302) && current.method === 'POST');
      current = {
        ...current,
        url: new URL(location, current.url),
        method: toGet ? 'GET' : current.method,
        body: toGet ? undefined : current.body,
      };
      continue;
    }
    const text = await readCapped(limits, response, ambiguous);
    return { status: response.status, headers: response.headers, json: parseJson(limits.name, text, response.ok && ambiguous) };
  }
}

async function readCapped(limits: ServiceLimits, response: Response, ambiguous: boolean): Promise<string> {
  const tooBig = () =>
    new FaxError(
      ambiguous && response.ok ? 'outcome_unknown' : 'provider_error',
      `${limits.name} answered with more than ${Math.round(limits.maxResponseBytes / 1024)} KB, more than a fax service's answer should be: Faxbot stopped reading it.${ambiguous && response.ok ? ' Faxbot will check whether the fax was taken before trying again.' : ''}`,
      { retryable: ambiguous && response.ok },
    );
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limits.maxResponseBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooBig();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limits.maxResponseBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooBig();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof FaxError) throw error;
    throw networkError(limits.name, error, ambiguous);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(name: string, text: string, acceptedButUnreadable: boolean): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (acceptedButUnreadable) {
      throw new FaxError(
        'outcome_unknown',
        `${name} answered the send with something that is not JSON: Faxbot will check whether the fax was taken before trying again.`,
        { retryable: true },
      );
    }
    throw new FaxError(
      'provider_error',
      `${name} answered with something that is not JSON (it starts "${text.slice(0, 40).replace(/\s+/g, ' ')}"): check the manifest's URLs point at the service's API.`,
      { retryable: true },
    );
  }
}

function networkError(name: string, error: unknown, ambiguous: boolean): FaxError {
  const code = networkCode(error);
  if (!ambiguous || (code && NEVER_SENT.has(code))) {
    if (code === 'TimeoutError')
      return new FaxError('provider_timeout', `${name} did not answer in time: Faxbot will try again.`, { retryable: true, cause: error });
    return new FaxError(
      'provider_unavailable',
      `${name} could not be reached (${code ?? 'network error'}): check the internet connection. Faxbot will try again.`,
      { retryable: true, cause: error },
    );
  }
  // The request went out and no answer came back: the service may have the fax. Never resend blindly.
  const what = code === 'TimeoutError' ? 'did not answer in time' : `broke the connection (${code ?? 'network error'})`;
  return new FaxError(
    'outcome_unknown',
    `${name} ${what} after the fax was sent: Faxbot will check whether it arrived before trying again.`,
    { retryable: true, cause: error },
  );
}
