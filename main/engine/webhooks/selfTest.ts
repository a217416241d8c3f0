// The self-test: a signed test event sent to our own public URL (through the tunnel), which
// must come back to this listener. It proves the whole path a provider's callback takes.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { WebhookSelfTestResult } from '../../../shared/webhooks';
import type { SelfTestReceiver } from './webhookListener';

export const SELF_TEST_TIMEOUT_MS = 5_000;
const SIGNATURE_HEADER = 'x-faxbot-selftest-signature';

export interface SelfTestOptions {
  key: Buffer;
  secret: string;
  publicBase: () => string | null;
  timeoutMs?: number;
}

export class WebhookSelfTest implements SelfTestReceiver {
  readonly maxBodyBytes = 1024;
  private readonly pending = new Map<string, () => void>();

  constructor(private readonly options: SelfTestOptions) {}

  receive(nonce: string, headers: Readonly<Record<string, string | undefined>>, body: Buffer): string | null {
    const expected = sign(this.options.key, body);
    const given = Buffer.from(headers[SIGNATURE_HEADER] ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return null;
    }
    if ((parsed as { nonce?: unknown } | null)?.nonce !== nonce) return null;
    const arrived = this.pending.get(nonce);
    if (!arrived) return null; // not one we are waiting for: an old or replayed test
    arrived();
    return JSON.stringify({ nonce, received: true });
  }

  async run(): Promise<WebhookSelfTestResult> {
    const base = this.options.publicBase();
    if (!base) {
      return {
        ok: false,
        message:
          'No public URL is set, so providers cannot reach Faxbot (status is polled instead). Set PUBLIC_API_URL to your tunnel’s address, paste it here, or add an ngrok authtoken.',
      };
    }
    const where = safeOrigin(base);
    const timeoutMs = this.options.timeoutMs ?? SELF_TEST_TIMEOUT_MS;
    const nonce = randomBytes(16).toString('base64url');
    const body = Buffer.from(JSON.stringify({ nonce, test: 'faxbot-webhook-self-test', sentAt: new Date().toISOString() }));
    let arrived = false;
    this.pending.set(nonce, () => (arrived = true));
    const started = performance.now();
    try {
      const response = await fetch(`${base}/${this.options.secret}/selftest/${nonce}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: sign(this.options.key, body).toString() },
        body,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'manual',
      });
      const text = await response.text();
      const roundTripMs = Math.round(performance.now() - started);
      if (arrived && response.status === 200 && text.includes(nonce)) {
        return {
          ok: true,
          roundTripMs,
          message: `The test event went out through ${where} and came back in ${roundTripMs} ms: providers can reach Faxbot.`,
        };
      }
      if (!arrived) {
        return {
          ok: false,
          message: `${where} answered HTTP ${response.status}, but the test event never reached this Faxbot: the address points somewhere else. Check that the tunnel forwards to 127.0.0.1 on the webhook port.`,
        };
      }
      return {
        ok: false,
        message: `The test event reached Faxbot, but ${where} answered HTTP ${response.status} with something else: a proxy in between is changing the answer.`,
      };
    } catch (error) {
      return { ok: false, message: failureInWords(error, where, timeoutMs) };
    } finally {
      this.pending.delete(nonce);
    }
  }
}

function sign(key: Buffer, body: Buffer): Buffer {
  return Buffer.from(createHmac('sha256', key).update(body).digest('hex'));
}

/** The public URL's origin only: the path may carry the secret and is never shown. */
function safeOrigin(base: string): string {
  try {
    return new URL(base).origin;
  } catch {
    return 'the public URL';
  }
}

function failureInWords(error: unknown, where: string, timeoutMs: number): string {
  const name = (error as Error | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return `No answer from ${where} within ${Math.round(timeoutMs / 1000)} s: the tunnel may be down or very slow. Check that it is running.`;
  }
  const code = ((error as { cause?: { code?: string } } | null)?.cause?.code ?? '') as string;
  if (code === 'ECONNREFUSED')
    return `Connection refused at ${where}: nothing is listening there. Start the tunnel, or correct the public URL.`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `The name in ${where} could not be found: check the public URL for typos, or whether the tunnel address changed.`;
  if (code.startsWith('ERR_TLS') || code.includes('CERT'))
    return `A secure connection to ${where} failed (${code}): the tunnel’s certificate is not valid.`;
  return `The test event could not be sent to ${where}${code ? ` (${code})` : ''}: check the public URL and the tunnel.`;
}
