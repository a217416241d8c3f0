// Plugins: what the Plugins tab, the REST discovery endpoints and the engine agree on.
// Every provider (simulator, phaxio, sinch, sip, declarative HTTP manifests) and storage
// backend (local, s3) is a plugin with a manifest and a JSON Schema for its settings.
// Secret fields are marked `"x-secret": true` in the schema and never travel back to a
// window in full: a view only says whether each is set, and where from.
import { z } from 'zod';
import { isoTime } from './model';

/** The slots a plugin can fill. Outbound and inbound are chosen separately. */
export const PLUGIN_SLOTS = ['outbound', 'inbound', 'storage'] as const;
export const pluginSlot = z.enum(PLUGIN_SLOTS);
export type PluginSlot = z.infer<typeof pluginSlot>;

export const PLUGIN_CAPABILITIES = ['send', 'status', 'cancel', 'receive', 'webhook', 'store', 'retrieve', 'delete'] as const;
export const pluginCapability = z.enum(PLUGIN_CAPABILITIES);

export const pluginId = z
  .string()
  .min(2)
  .max(40)
  .regex(/^[a-z][a-z0-9-]*$/, 'a plugin id is lower-case letters, digits and -, starting with a letter');

/**
 * A JSON Schema (draft 2020-12 subset) for a plugin's settings: `type: "object"` with
 * `properties`. Per property, `"x-secret": true` marks a secret and `"x-env": "NAME"` names
 * the environment variable that fixes it (which then shows locked in the UI).
 */
export const settingsSchema = z
  .object({
    type: z.literal('object'),
    properties: z.record(z.string(), z.record(z.string(), z.unknown())),
    required: z.array(z.string()).optional(),
  })
  .passthrough();
export type SettingsSchema = z.infer<typeof settingsSchema>;

export const pluginManifest = z.object({
  id: pluginId,
  name: z.string().min(1).max(80),
  version: z.string().regex(/^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/, 'a version like 1.0.0'),
  /** Which slots it can fill. */
  kinds: z.array(pluginSlot).min(1),
  capabilities: z.array(pluginCapability),
  description: z.string().max(600),
  helpUrl: z.string().url().optional(),
  /** Built into Faxbot, or an imported declarative HTTP manifest (FEATURE_PLUGIN_INSTALL). */
  source: z.enum(['builtin', 'manifest']),
  settingsSchema,
});
export type PluginManifest = z.infer<typeof pluginManifest>;

/**
 * active: fills a slot now; configured: ready to apply; check_failed: filled in, but its last
 * connection check failed; needs_attention: required settings missing or invalid; available: nothing set.
 */
export const pluginStatus = z.enum(['active', 'configured', 'check_failed', 'needs_attention', 'available']);

export const secretState = z.object({
  set: z.boolean(),
  /** keychain: kept by Faxbot in the OS keychain (safeStorage) or the key-wrapped secrets file; env: fixed by the environment. */
  from: z.enum(['keychain', 'env', 'none']),
});

export const pluginView = z.object({
  manifest: pluginManifest,
  status: pluginStatus,
  activeIn: z.array(pluginSlot),
  /** Effective non-secret settings: environment > config store > schema defaults. */
  settings: z.record(z.string(), z.unknown()),
  secrets: z.record(z.string(), secretState),
  /** Fields fixed by the environment: field name → the variable's name. */
  locked: z.record(z.string(), z.string()),
  /** Why it needs attention, in words. */
  problems: z.array(z.string()),
  /** Its last connection check while the engine runs (Test, or Apply's start-up check); null: not checked yet. */
  lastCheck: z.object({ ok: z.boolean(), message: z.string(), checkedAt: isoTime }).nullable().optional(),
});
export type PluginView = z.infer<typeof pluginView>;

export const pluginSlots = z.object({ outbound: pluginId, inbound: pluginId, storage: pluginId });
export type PluginSlots = z.infer<typeof pluginSlots>;

export const pluginsOverview = z.object({
  plugins: z.array(pluginView),
  /** What fills each slot now (inbound defaults to the outbound provider, and vice versa). */
  slots: pluginSlots,
  /** Slots fixed by the environment (FAX_BACKEND, STORAGE_BACKEND…): slot → variable. */
  lockedSlots: z.record(z.string(), z.string()),
  registry: z.object({ source: z.enum(['file', 'builtin']), path: z.string(), problem: z.string().nullable() }),
  configPath: z.string(),
  /** Why the config file on disk is not used (missing is fine; broken, unreadable, a slot naming no plugin) — defaults are used meanwhile. */
  configProblem: z.string().nullable().optional(),
  pluginInstallEnabled: z.boolean(),
});
export type PluginsOverview = z.infer<typeof pluginsOverview>;

/** Saving a plugin's settings: secrets absent = keep, null = clear, a string = replace. */
export const pluginConfigChange = z.object({
  id: pluginId,
  settings: z.record(z.string(), z.unknown(), { error: 'settings is an object of setting name to value' }),
  secrets: z
    .record(
      z.string(),
      z
        .string({ error: 'each secret is a string (to set it) or null (to clear it)' })
        .max(8192, 'a secret is at most 8192 characters')
        .nullable(),
      { error: 'secrets is an object of secret name to a string (to set it) or null (to clear it)' },
    )
    .optional(),
});
export type PluginConfigChange = z.infer<typeof pluginConfigChange>;

/** Testing a plugin, optionally with unsaved values from the form (same rules as saving). */
export const pluginTestRequest = pluginConfigChange.partial({ settings: true });
export const pluginTestResult = z.object({ ok: z.boolean(), message: z.string(), checkedAt: isoTime });
export type PluginTestResult = z.infer<typeof pluginTestResult>;

export const pluginApplyRequest = z.object({
  outbound: pluginId.optional(),
  inbound: pluginId.optional(),
  storage: pluginId.optional(),
  /** Changes that affect patient data come back as warnings first; applying again with this set goes ahead. */
  acknowledgeWarnings: z.boolean().default(false),
});
export const pluginApplyResult = z.object({
  applied: z.boolean(),
  /** Plain-language warnings about patient-data handling; when non-empty and not acknowledged, nothing changed. */
  warnings: z.array(z.string()),
  slots: pluginSlots,
});
export type PluginApplyResult = z.infer<typeof pluginApplyResult>;

export const configBackup = z.object({ id: z.string().regex(/^[0-9A-Za-z_.-]+$/), at: isoTime, bytes: z.number().int().nonnegative() });
export type ConfigBackup = z.infer<typeof configBackup>;
