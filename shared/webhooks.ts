// What the window shows of the webhook listener: where providers reach it, whether the
// tunnel is up, what arrived from each provider, and the self-test's answer in words.
import { z } from 'zod';

export const TUNNEL_STATES = ['off', 'starting', 'up', 'failed'] as const;
export type TunnelState = (typeof TUNNEL_STATES)[number];

export const providerWebhookHealth = z.object({
  providerId: z.string(),
  /** When the last verified event arrived (ISO time), or null when none has yet. */
  lastEventAt: z.string().nullable(),
  lastEventKind: z.enum(['status', 'received', 'ignored']).nullable(),
  events: z.number().int().min(0),
  verificationFailures: z.number().int().min(0),
});
export type ProviderWebhookHealth = z.infer<typeof providerWebhookHealth>;

export const webhookHealth = z.object({
  /** Whether the listener's own server is accepting connections on 127.0.0.1. */
  listening: z.boolean(),
  /** The loopback address it listens on (never includes the path secret). */
  listenAddress: z.string().nullable(),
  /** The public base URL providers are given, or null (then status is polled). */
  publicUrl: z.string().nullable(),
  /** The environment variable that fixes publicUrl, if one does (shown locked). */
  publicUrlLockedBy: z.string().nullable(),
  /** Where the public URL comes from. */
  publicUrlSource: z.enum(['environment', 'setting', 'tunnel', 'none']),
  tunnel: z.object({ state: z.enum(TUNNEL_STATES), message: z.string() }),
  providers: z.array(providerWebhookHealth),
  lastSelfTest: z.object({ at: z.string(), ok: z.boolean(), message: z.string() }).nullable(),
});
export type WebhookHealth = z.infer<typeof webhookHealth>;

export const webhookSelfTestResult = z.object({
  ok: z.boolean(),
  roundTripMs: z.number().min(0).optional(),
  message: z.string(),
});
export type WebhookSelfTestResult = z.infer<typeof webhookSelfTestResult>;

/** A public base URL as a person may paste it: http(s), a host, no query or fragment. */
export const publicBaseUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (
        (url.protocol === 'https:' || url.protocol === 'http:') &&
        url.hostname !== '' &&
        url.search === '' &&
        url.hash === '' &&
        url.username === '' &&
        url.password === ''
      );
    } catch {
      return false;
    }
  }, 'enter the full address the tunnel gives you, such as https://example.trycloudflare.com (no ? or # part)');
