// Posts v2.1 webhooks as Phaxio does (contract §7): multipart, `fax` as a JSON string, the
// received PDF as file part `file`, signed per §7.2; non-2xx answers retried on a
// compressed schedule (Phaxio: 5, 10, 20, 30 min, then 6 h).
import { phaxioSignature } from '../../../main/engine/providers/phaxio';

export interface WebhookDelivery {
  url: string;
  faxId: number;
  eventType: string;
  attempt: number;
  /** HTTP status, or 'error' when the request failed. */
  outcome: number | 'error';
}

export interface WebhookFaults {
  /** Sign with a wrong token. */
  wrongSignature: boolean;
  /** Deliver every webhook twice. */
  duplicate: boolean;
  /** Never deliver: the callback is lost. */
  lose: boolean;
}

export interface OutgoingWebhook {
  url: string;
  faxId: number;
  fields: { name: string; value: string }[];
  file?: { data: Buffer; fileName: string };
}

export class WebhookPoster {
  readonly deliveries: WebhookDelivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly token: string,
    private readonly retryDelaysMs: readonly number[],
    private readonly faults: WebhookFaults,
    private readonly onDelivery: () => void,
  ) {}

  post(hook: OutgoingWebhook): void {
    if (this.faults.lose || this.closed) return;
    this.attempt(hook, 1);
    if (this.faults.duplicate) this.attempt(hook, 1);
  }

  private attempt(hook: OutgoingWebhook, attempt: number): void {
    const run = this.deliver(hook, attempt).finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  private async deliver(hook: OutgoingWebhook, attempt: number): Promise<void> {
    const files = hook.file ? [{ name: 'file', data: hook.file.data }] : [];
    const token = this.faults.wrongSignature ? this.token + '-wrong' : this.token;
    const signature = phaxioSignature(token, hook.url, { fields: hook.fields, files });
    const form = new FormData();
    for (const field of hook.fields) form.append(field.name, field.value);
    if (hook.file) form.append('file', new Blob([new Uint8Array(hook.file.data)], { type: 'application/pdf' }), hook.file.fileName);
    const eventType = hook.fields.find((f) => f.name === 'event_type')?.value ?? '';
    let outcome: number | 'error';
    try {
      const response = await fetch(hook.url, {
        method: 'POST',
        body: form,
        headers: { 'x-phaxio-signature': signature },
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer().catch(() => undefined);
      outcome = response.status;
    } catch {
      outcome = 'error';
    }
    this.deliveries.push({ url: hook.url, faxId: hook.faxId, eventType, attempt, outcome });
    this.onDelivery();
    const ok = typeof outcome === 'number' && outcome >= 200 && outcome < 300;
    const delay = this.retryDelaysMs[attempt - 1];
    if (!ok && delay !== undefined && !this.closed) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (!this.closed) this.attempt(hook, attempt + 1);
      }, delay);
      this.timers.add(timer);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight]);
  }
}
