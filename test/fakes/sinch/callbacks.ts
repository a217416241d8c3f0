// How the fake Sinch calls us back (contract §6.2–6.3): POST, JSON or multipart, the Basic
// credentials from the URL sent as Authorization, retried when the answer is not 200.
export type CallbackContentType = 'application/json' | 'multipart/form-data';

export interface CallbackDelivery {
  url: string;
  contentType: CallbackContentType;
  event: 'FAX_COMPLETED' | 'INCOMING_FAX';
  fax: Record<string, unknown>;
  file?: Uint8Array;
}

export interface CallbackRecord {
  event: string;
  faxId: string;
  contentType: CallbackContentType;
  status: number; // 0 = no answer
}

export interface CallbackPolicy {
  retries: number;
  retryDelayMs: number;
  timeoutMs: number;
  /** Every delivery made this many extra times after it succeeds (Sinch's duplicates). */
  duplicates: number;
}

function body(delivery: CallbackDelivery, eventTime: string): { body: BodyInit; headers: Record<string, string> } {
  if (delivery.contentType === 'application/json') {
    const json: Record<string, unknown> = { event: delivery.event, eventTime, fax: delivery.fax };
    if (delivery.file) {
      json.file = Buffer.from(delivery.file).toString('base64');
      json.fileType = 'PDF';
    }
    return { body: JSON.stringify(json), headers: { 'content-type': 'application/json' } };
  }
  const form = new FormData();
  form.append('event', delivery.event);
  form.append('eventTime', eventTime);
  form.append('fax', JSON.stringify(delivery.fax));
  if (delivery.file)
    form.append('file', new Blob([new Uint8Array(delivery.file)], { type: 'application/pdf' }), `${String(delivery.fax.id)}.pdf`);
  return { body: form, headers: {} };
}

/** Posts once per try until a 200 (or tries run out); returns the last HTTP status. */
export async function deliverCallback(delivery: CallbackDelivery, policy: CallbackPolicy, log: CallbackRecord[]): Promise<number> {
  const target = new URL(delivery.url);
  const headers: Record<string, string> = {};
  if (target.username || target.password) {
    headers.authorization =
      'Basic ' + Buffer.from(`${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`).toString('base64');
  }
  target.username = '';
  target.password = '';
  const eventTime = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const post = async (): Promise<number> => {
    const built = body(delivery, eventTime);
    let status = 0;
    try {
      const response = await fetch(target, {
        method: 'POST',
        headers: { ...headers, ...built.headers },
        body: built.body,
        signal: AbortSignal.timeout(policy.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      status = response.status;
    } catch {
      status = 0;
    }
    log.push({ event: delivery.event, faxId: String(delivery.fax.id), contentType: delivery.contentType, status });
    return status;
  };
  let status = 0;
  for (let attempt = 0; attempt <= policy.retries; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, policy.retryDelayMs));
    status = await post();
    if (status === 200) break;
  }
  if (status === 200) for (let extra = 0; extra < policy.duplicates; extra++) await post();
  return status;
}
