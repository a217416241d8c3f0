// A client written the way Faxbot's Node and Python SDKs call the API: a multipart upload
// with `to` and `file`, the key in X-API-Key, then GET /fax/{id} until a final status.
export interface FaxJobOut {
  id: string;
  to: string;
  status: 'queued' | 'in_progress' | 'SUCCESS' | 'FAILED';
  faxbot_status: string;
  error: string | null;
  pages: number;
  created_at: string;
}

export class FaxbotSdkError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(`${status}: ${detail}`);
  }
}

export class FaxbotClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  private async request<T>(path: string, init: RequestInit = {}): Promise<T> {
    const response = await fetch(this.baseUrl + path, {
      ...init,
      headers: { 'X-API-Key': this.apiKey, ...(init.headers as Record<string, string>) },
    });
    const body = (await response.json()) as T & { detail?: string };
    if (!response.ok) throw new FaxbotSdkError(response.status, body.detail ?? response.statusText);
    return body;
  }

  sendFax(to: string, file: Uint8Array, fileName = 'document.pdf', type = 'application/pdf'): Promise<FaxJobOut> {
    const form = new FormData();
    form.append('to', to);
    form.append('file', new Blob([new Uint8Array(file)], { type }), fileName);
    return this.request('/fax', { method: 'POST', body: form });
  }

  getStatus(jobId: string): Promise<FaxJobOut> {
    return this.request(`/fax/${encodeURIComponent(jobId)}`);
  }

  checkHealth(): Promise<{ status: string }> {
    return this.request('/health');
  }

  /** Polls until SUCCESS or FAILED, as the SDK examples do. */
  async waitForFinal(jobId: string, { intervalMs = 25, timeoutMs = 20_000 } = {}): Promise<FaxJobOut> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = await this.getStatus(jobId);
      if (job.status === 'SUCCESS' || job.status === 'FAILED') return job;
      if (Date.now() > deadline) throw new Error(`fax ${jobId} still ${job.status} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
