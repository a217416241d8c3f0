// API keys for the Faxbot-compatible REST API and MCP: their scopes and what the window
// shows of them. The secret itself is shown once, at creation or rotation, and stored hashed.
import { z } from 'zod';

export const API_SCOPES = [
  'fax:send',
  'fax:read',
  'inbound:list',
  'inbound:read',
  'contacts:read',
  'contacts:write',
  'covers:read',
  'covers:write',
  'keys:manage',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const SCOPE_DESCRIPTIONS: Record<ApiScope, string> = {
  'fax:send': 'Send faxes',
  'fax:read': 'Read sent faxes and their status',
  'inbound:list': 'List received faxes',
  'inbound:read': 'Open received faxes',
  'contacts:read': 'Look up and export contacts',
  'contacts:write': 'Add, change, delete and import contacts',
  'covers:read': 'List cover page templates and draw them',
  'covers:write': 'Add, change and delete cover page templates',
  'keys:manage': 'Manage API keys and plugins (admin)',
};

export const apiKeyInfo = z.object({
  /** The public part of the key (`fbk_live_<keyId>_…`); safe to show and log. */
  keyId: z.string(),
  name: z.string(),
  scopes: z.array(z.enum(API_SCOPES)),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  rotatedAt: z.string().nullable(),
});
export type ApiKeyInfo = z.infer<typeof apiKeyInfo>;

export const apiSettings = z.object({
  /** Whether the REST API and MCP over HTTP answer on the local server. */
  enabled: z.boolean(),
  /** The environment variable that fixes `enabled`, if one does (shown locked in Settings). */
  lockedBy: z.string().nullable(),
  /** Where the API answers, e.g. http://127.0.0.1:8080. */
  baseUrl: z.string(),
  keys: z.array(apiKeyInfo),
});
export type ApiSettings = z.infer<typeof apiSettings>;

export const newApiKey = z.object({
  key: apiKeyInfo,
  /** The whole key, shown once: it cannot be read back later. */
  secret: z.string(),
});
