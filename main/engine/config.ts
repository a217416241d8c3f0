// The effective configuration: environment > stored settings > defaults (DESIGN.md). The
// plugin config store (a later issue) slots in between; for now settings live in SQLite.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const FAX_BACKENDS = ['simulator', 'phaxio', 'sinch', 'sip'] as const;
export type FaxBackend = (typeof FAX_BACKENDS)[number];
export const FAX_TIFF_RENDERER_SETTINGS = ['builtin', 'ghostscript'] as const;
export type FaxTiffRendererSetting = (typeof FAX_TIFF_RENDERER_SETTINGS)[number];

export interface EngineConfig {
  dataDir: string;
  port: number;
  webhookPort: number;
  backend: FaxBackend;
  maxFileSizeMb: number;
  maxPages: number;
  /** Base delay before the first retry of a retryable failure; doubles each attempt. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Simulator pacing: 1 is real time (a few seconds a fax); tests use a small fraction. */
  simulatorTimeScale: number;
  /** The watched printer folder: see watchDirFor. */
  watchDir: string;
  /** API_KEY: a bootstrap REST API key with every scope ('' when unset). Never stored. */
  apiKey: string;
  /** FAXBOT_API_ENABLED when set; null leaves it to API_KEY and Settings. */
  apiEnabled: boolean | null;
  /** Requests a minute one API key may make (MAX_REQUESTS_PER_MINUTE); 0 = no limit. */
  maxRequestsPerMinute: number;
  /** How long a deleted received fax can be restored (Undo) before it is deleted for good. */
  inboxUndoMs: number;
  /** FAX_TIFF_RENDERER: who draws fax TIFFs for Asterisk — built-in pdf.js (default) or Ghostscript. */
  faxTiffRenderer: FaxTiffRendererSetting;
  /** The plugin config file; unset: FAXBOT_CONFIG_PATH, else <dataDir>/faxbot.config.json (engine.ts resolves it). */
  pluginConfigPath?: string;
  /** The curated plugin registry; unset: the package's config/plugin_registry.json. */
  pluginRegistryPath?: string;
  /** The raw environment, for provider settings read by their plugins. */
  env: Readonly<Record<string, string | undefined>>;
}

/** The Inbox's Undo window: long enough to notice a wrong click, short enough to mean "deleted". */
export const INBOX_UNDO_MS = 10_000;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** The platform's app-data folder, used when neither FAX_DATA_DIR nor --data-dir is given. */
export function defaultDataDir(env: Record<string, string | undefined> = process.env): string {
  const home = homedir();
  if (process.platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Faxbot');
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Faxbot');
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'faxbot');
}

/**
 * The watched printer folder (DESIGN.md): FAXBOT_WATCH_DIR when set; else <home>/Faxbot/Outbox
 * for the default data folder, the one the Faxbot printer writes into; else the data folder's
 * own Outbox, so a second Faxbot on another data folder never takes the first one's printouts.
 */
export function watchDirFor(env: Record<string, string | undefined>, dataDir: string, isDefaultDataDir: boolean): string {
  const named = env.FAXBOT_WATCH_DIR?.trim();
  if (named) return named;
  return isDefaultDataDir ? join(homedir(), 'Faxbot', 'Outbox') : join(dataDir, 'Outbox');
}

function integer(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new ConfigError(
      `${name}=${raw} is not usable: set it to a number from ${min} to ${max}, or unset it for the default (${fallback}).`,
    );
  }
  return value;
}

function flag(env: Record<string, string | undefined>, name: string): boolean | null {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return null;
  if (['true', '1', 'yes', 'on'].includes(raw)) return true;
  if (['false', '0', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name}=${env[name]} is not usable: set it to true or false, or unset it.`);
}

function faxTiffRenderer(env: Record<string, string | undefined>): FaxTiffRendererSetting {
  const raw = env.FAX_TIFF_RENDERER?.trim().toLowerCase() || 'builtin';
  if (!(FAX_TIFF_RENDERER_SETTINGS as readonly string[]).includes(raw)) {
    throw new ConfigError(
      `FAX_TIFF_RENDERER=${env.FAX_TIFF_RENDERER} is not usable: set it to builtin or ghostscript, or unset it for the built-in renderer.`,
    );
  }
  return raw as FaxTiffRendererSetting;
}

export function loadConfig(overrides: Partial<EngineConfig> = {}, env: Record<string, string | undefined> = process.env): EngineConfig {
  const backendRaw = (env.FAX_BACKEND ?? 'simulator').trim().toLowerCase() || 'simulator';
  if (!(FAX_BACKENDS as readonly string[]).includes(backendRaw)) {
    throw new ConfigError(`FAX_BACKEND=${env.FAX_BACKEND} is not a provider Faxbot knows: use one of ${FAX_BACKENDS.join(', ')}.`);
  }
  // A data folder given in code (Electron's userData, tests) counts as chosen unless the caller passes watchDir too.
  const chosenDataDir = overrides.dataDir ?? env.FAX_DATA_DIR?.trim();
  const dataDir = chosenDataDir || defaultDataDir(env);
  const config: EngineConfig = {
    dataDir,
    port: integer(env, 'FAXBOT_PORT', 8080, 0, 65535),
    webhookPort: integer(env, 'FAXBOT_WEBHOOK_PORT', 8081, 0, 65535),
    backend: backendRaw as FaxBackend,
    maxFileSizeMb: integer(env, 'MAX_FILE_SIZE_MB', 10, 1, 1024),
    maxPages: integer(env, 'FAXBOT_MAX_PAGES', 200, 1, 10000),
    retryBaseMs: integer(env, 'FAXBOT_RETRY_BASE_MS', 30_000, 1, 86_400_000),
    retryMaxMs: integer(env, 'FAXBOT_RETRY_MAX_MS', 30 * 60_000, 1, 86_400_000),
    simulatorTimeScale: Number(env.FAXBOT_SIMULATOR_TIME_SCALE ?? '1') || 1,
    watchDir: watchDirFor(env, dataDir, !chosenDataDir),
    apiKey: env.API_KEY?.trim() ?? '',
    apiEnabled: flag(env, 'FAXBOT_API_ENABLED'),
    maxRequestsPerMinute: integer(env, 'MAX_REQUESTS_PER_MINUTE', 300, 0, 1_000_000),
    inboxUndoMs: INBOX_UNDO_MS,
    faxTiffRenderer: faxTiffRenderer(env),
    env: { ...env },
  };
  return { ...config, ...overrides };
}
