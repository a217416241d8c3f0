// A stand-in for the webhook listener in the adapter tests: a real HTTP server on 127.0.0.1
// that reads each request into a WebhookRequest and runs the provider's route on it.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import busboy from 'busboy';
import type { ParsedForm, WebhookEvent, WebhookRequest, WebhookRoute } from '../../../main/engine/webhooks';

export interface ReceivedHook {
  route: string;
  request: WebhookRequest;
  verified: boolean;
  events?: WebhookEvent[];
  error?: unknown;
}

export function parseForm(body: Buffer, contentType: string): Promise<ParsedForm> {
  return new Promise((resolve, reject) => {
    const form: ParsedForm = { fields: [], files: [] };
    const parser = busboy({ headers: { 'content-type': contentType } });
    parser.on('field', (name, value) => form.fields.push({ name, value }));
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () =>
        form.files.push({ name, fileName: info.filename ?? '', contentType: info.mimeType, data: Buffer.concat(chunks) }),
      );
    });
    parser.on('error', reject);
    parser.on('close', () => resolve(form));
    Readable.from([body]).pipe(parser);
  });
}

async function toRequest(incoming: IncomingMessage, publicUrl: string): Promise<WebhookRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const contentType = String(incoming.headers['content-type'] ?? '');
  const headers = Object.fromEntries(
    Object.entries(incoming.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : v]),
  );
  const form = contentType.startsWith('multipart/form-data') ? await parseForm(body, contentType) : undefined;
  return { method: incoming.method ?? 'POST', publicUrl, headers, contentType, body, form };
}

export async function startReceiver(routes: () => readonly WebhookRoute[], options: { answers?: number[] } = {}) {
  const hooks: ReceivedHook[] = [];
  const waiters = new Set<() => void>();
  const answers = [...(options.answers ?? [])];
  let base = '';
  const server = createServer((incoming, response) => {
    void (async () => {
      const publicUrl = base + (incoming.url ?? '/');
      const request = await toRequest(incoming, publicUrl);
      const name = new URL(publicUrl).pathname.split('/').pop() ?? '';
      const route = routes().find((r) => r.name === name);
      const hook: ReceivedHook = { route: name, request, verified: false };
      if (route) {
        hook.verified = await route.verify(request);
        if (hook.verified) {
          try {
            hook.events = await route.read(request);
          } catch (error) {
            hook.error = error;
          }
        }
      }
      hooks.push(hook);
      response.writeHead(answers.shift() ?? (hook.verified ? 200 : 401)).end();
      for (const wake of [...waiters]) wake();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    hooks,
    waitFor: <T>(find: () => T | undefined, timeoutMs = 10_000) =>
      new Promise<T>((resolve, reject) => {
        const check = () => {
          const found = find();
          if (found === undefined) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => reject(new Error('Timed out waiting for a webhook')), timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
