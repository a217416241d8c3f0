// A Sinch provider wired to the fake Sinch, plus a real HTTP receiver on 127.0.0.1 that hands
// callbacks to the provider's webhook routes the way the listener does (verify, then read).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isFaxError } from '../../../shared/errors';
import { SinchProvider } from '../../../main/engine/providers/sinch';
import type { WebhookEvent, WebhookRequest } from '../../../main/engine/webhooks/types';
import { startFakeSinch, type FakeSinch } from '../../fakes/sinch';
import { testLogger } from '../../support/testLog';

export const PROJECT = { projectId: 'proj-5e1f', keyId: 'key-abc', keySecret: 'secret-xyz' };
export const CALLBACK = { user: 'faxbot', password: 'callback-pw-9f2c' };

export interface HookRecord {
  route: string;
  contentType: string;
  status: number;
  verified: boolean;
  events: WebhookEvent[];
  error?: string;
}

export interface SinchPair {
  fake: FakeSinch;
  provider: SinchProvider;
  hooks: HookRecord[];
  receiverUrl: string;
  clock: { now: number };
  waitForHook(predicate: (hook: HookRecord) => boolean, what: string): Promise<HookRecord>;
  close(): Promise<void>;
}

export async function startSinchPair(
  options: { authMode?: 'oauth' | 'basic'; tokenTtlSeconds?: number; publicUrl?: boolean; keySecret?: string; timeoutMs?: number } = {},
): Promise<SinchPair> {
  const fake = await startFakeSinch({ ...PROJECT, tokenTtlSeconds: options.tokenTtlSeconds });
  const hooks: HookRecord[] = [];
  const waiters = new Set<() => void>();
  let receiverUrl = ''; // known once the receiver listens; read at each callback URL
  const clock = { now: Date.now() };
  const provider = new SinchProvider({
    baseUrl: fake.url,
    authUrl: fake.authUrl,
    projectId: PROJECT.projectId,
    keyId: PROJECT.keyId,
    keySecret: options.keySecret ?? PROJECT.keySecret,
    authMode: options.authMode ?? 'oauth',
    addressBook: { urlFor: (id, route) => (options.publicUrl ? `${receiverUrl}/hooks/${id}/${route}` : null) },
    callbackCredentials: CALLBACK,
    station: () => ({ number: '+12025550147' }),
    logger: testLogger('error'),
    timeoutMs: options.timeoutMs ?? 5000,
    now: () => clock.now,
  });

  const receiver: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const routeName = (req.url ?? '').split('?')[0].split('/').pop() ?? '';
      const route = provider.webhookRoutes.find((r) => r.name === routeName);
      const record: HookRecord = {
        route: routeName,
        contentType: String(req.headers['content-type'] ?? ''),
        status: 404,
        verified: false,
        events: [],
      };
      if (route) {
        const request: WebhookRequest = {
          method: req.method ?? 'POST',
          publicUrl: `${receiverUrl}${req.url}`,
          headers: req.headers as Record<string, string>,
          contentType: String(req.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks),
        };
        record.verified = await route.verify(request);
        if (!record.verified) record.status = 401;
        else {
          try {
            record.events = await route.read(request);
            record.status = 200;
          } catch (error) {
            record.status = isFaxError(error) && error.code === 'invalid_input' ? 400 : 500;
            record.error = (error as Error).message;
          }
        }
      }
      hooks.push(record);
      res.writeHead(record.status).end();
      for (const wake of waiters) wake();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

  return {
    fake,
    provider,
    hooks,
    receiverUrl,
    clock,
    waitForHook: (predicate, what) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = hooks.find(predicate);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`Timed out waiting for ${what}`));
        }, 10_000);
        waiters.add(check);
        check();
      }),
    async close() {
      await fake.close();
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    },
  };
}

/** Re-checks a condition until it holds (each check is a real request); the test's deadline bounds it. */
export async function until<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
