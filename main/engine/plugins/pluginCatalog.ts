// Every plugin Faxbot knows (the registry, plus imported HTTP manifests), what each is set
// to (environment > config file > schema defaults, secrets from the sealed store), which
// fields the environment fixes, and which plugin fills each slot. It never hands a secret
// to a view: a view says only whether each is set and where from.
import { PluginCheckLog } from './checkLog';
import { FaxError } from '../../../shared/errors';
import type { PluginConfigChange, PluginManifest, PluginSlot, PluginSlots, PluginView, PluginsOverview } from '../../../shared/plugins';
import type { Logger } from '../log';
import type { PluginConfigFile } from './pluginConfigFile';
import type { PluginConfigStore } from './pluginConfigStore';
import { loadPluginRegistry, type PluginRegistry } from './registryFile';
import type { SecretStore } from './secretStore';
import { envNameOf, fieldsOf, fromEnvText, schemaDefaults, secretFields, settingsErrors, type FieldErrors } from './settingsSchema';
import { savePluginSettings, savePluginSlots } from './pluginSave';
import { chooseSlots } from './slots';
import { pluginInstallEnabled } from './http/manifestOperations';

type Env = Readonly<Record<string, string | undefined>>;

export interface PluginCatalogOptions {
  registryPath: string;
  /** Where imported HTTP manifests are kept (FEATURE_PLUGIN_INSTALL); read by providers/http. */
  manifestsDir?: string;
  env: Env;
  store: PluginConfigStore;
  secrets: SecretStore;
  logger: Logger;
  /** The imported declarative HTTP providers, asked for each time (they come and go at runtime). */
  importedManifests?: () => PluginManifest[];
}

export class PluginCatalog {
  readonly registry: PluginRegistry;
  readonly manifestsDir?: string;
  readonly store: PluginConfigStore;
  private readonly env: Env;
  private readonly secrets: SecretStore;
  private imported: () => PluginManifest[];

  /** The last connection check of each plugin (Test, Apply's start-up check). */
  readonly checks = new PluginCheckLog();

  constructor(options: PluginCatalogOptions) {
    this.env = options.env;
    this.store = options.store;
    this.secrets = options.secrets;
    this.manifestsDir = options.manifestsDir;
    this.imported = options.importedManifests ?? (() => []);
    this.registry = loadPluginRegistry(options.registryPath);
    if (this.registry.problem) options.logger.warn(this.registry.problem);
    if (this.store.problem) options.logger.warn(this.store.problem);
    this.store.setValidator((file) => this.checkFile(file));
  }

  /** Helper (D) hands over its imported manifests once its folder is read. */
  setImportedManifests(list: () => PluginManifest[]): void {
    this.imported = list;
  }

  get pluginInstallEnabled(): boolean {
    return pluginInstallEnabled(this.env);
  }

  manifests(): PluginManifest[] {
    const builtin = this.registry.manifests;
    return [...builtin, ...this.imported().filter((m) => !builtin.some((b) => b.id === m.id))];
  }

  manifest(id: string): PluginManifest {
    const found = this.manifests().find((m) => m.id === id);
    if (!found)
      throw new FaxError(
        'not_found',
        `There is no plugin "${id.slice(0, 40)}": choose one of ${this.manifests()
          .map((m) => m.id)
          .join(', ')}.`,
      );
    return found;
  }

  /** Field → variable, for the fields the environment sets now. */
  locked(id: string): Record<string, string> {
    const schema = this.manifest(id).settingsSchema;
    const out: Record<string, string> = {};
    for (const name of Object.keys(fieldsOf(schema))) {
      const variable = envNameOf(schema, name);
      if (variable && this.env[variable]?.trim()) out[name] = variable;
    }
    return out;
  }

  /**
   * The plugin's values as its environment variables (schema defaults < config file <
   * secrets < process environment), so the existing readers build a provider unchanged.
   */
  effectiveEnv(id: string): Record<string, string | undefined> {
    const { schema, values } = this.effective(id);
    const out: Record<string, string | undefined> = {};
    for (const name of Object.keys(fieldsOf(schema))) {
      const variable = envNameOf(schema, name);
      if (!variable) continue;
      const fromEnv = this.env[variable];
      out[variable] = fromEnv?.trim() ? fromEnv : values[name] === undefined ? undefined : String(values[name]);
    }
    return out;
  }

  /** Settings and secrets by field name, for a plugin without variables (imported HTTP providers). Engine use only. */
  effectiveSettings(id: string): { settings: Record<string, unknown>; secrets: Record<string, string> } {
    const { schema, values } = this.effective(id);
    const secretNames = new Set(secretFields(schema));
    const settings: Record<string, unknown> = {};
    const secrets: Record<string, string> = {};
    for (const [name, value] of Object.entries(values)) {
      if (secretNames.has(name)) secrets[name] = String(value);
      else settings[name] = value;
    }
    return { settings, secrets };
  }

  /**
   * Field errors for a set of values (non-secret settings and the secrets as they would be),
   * environment-fixed fields left out: they are not the form's to fix. Null when all fit.
   */
  validate(id: string, settings: Record<string, unknown>, secrets: Record<string, string | null>): FieldErrors | null {
    const manifest = this.manifest(id);
    const locked = this.locked(id);
    const values: Record<string, unknown> = { ...schemaDefaults(manifest.settingsSchema), ...settings };
    for (const [name, value] of Object.entries(secrets)) if (value !== null && value !== '') values[name] = value;
    for (const name of Object.keys(locked)) delete values[name];
    return settingsErrors(manifest, values, new Set(Object.keys(locked)));
  }

  slots(): PluginSlots {
    return chooseSlots(this.manifests(), this.store.read(), this.env).slots;
  }

  lockedSlots(): Partial<Record<PluginSlot, string>> {
    return chooseSlots(this.manifests(), this.store.read(), this.env).locked;
  }

  view(id: string, activeSlots: PluginSlots): PluginView {
    const manifest = this.manifest(id);
    const schema = manifest.settingsSchema;
    const locked = this.locked(id);
    const secretNames = secretFields(schema);
    const stored = this.store.read().plugins[id]?.settings ?? {};
    const settings: Record<string, unknown> = { ...schemaDefaults(schema), ...stored };
    for (const [name, variable] of Object.entries(locked))
      if (!secretNames.includes(name)) settings[name] = fromEnvText(schema, name, this.env[variable]!);
    const secrets: PluginView['secrets'] = {};
    for (const name of secretNames) {
      secrets[name] = locked[name]
        ? { set: true, from: 'env' }
        : this.secrets.get(id, name)
          ? { set: true, from: 'keychain' }
          : { set: false, from: 'none' };
    }
    const { values } = this.effective(id);
    const errors = settingsErrors(manifest, values);
    const problems = Object.entries(errors ?? {}).map(([field, message]) =>
      locked[field] ? `${message} (set by ${locked[field]})` : message,
    );
    const activeIn = (Object.keys(activeSlots) as PluginSlot[]).filter((slot) => activeSlots[slot] === id);
    const anythingSet = Object.keys(stored).length > 0 || Object.keys(locked).length > 0 || Object.values(secrets).some((s) => s.set);
    const lastCheck = this.checks.last(id);
    // "Configured" is never said of a plugin whose last check failed.
    const ready = lastCheck && !lastCheck.ok ? 'check_failed' : 'configured';
    const status = activeIn.length ? 'active' : !errors ? ready : anythingSet ? 'needs_attention' : 'available';
    return { manifest, status, activeIn, settings, secrets, locked, problems, lastCheck };
  }

  overview(activeSlots: PluginSlots): PluginsOverview {
    const choice = chooseSlots(this.manifests(), this.store.read(), this.env);
    return {
      plugins: this.manifests().map((m) => this.view(m.id, activeSlots)),
      slots: activeSlots,
      lockedSlots: choice.locked,
      registry: { source: this.registry.source, path: this.registry.path, problem: this.registry.problem },
      configPath: this.store.path,
      configProblem: [this.store.problem, ...choice.problems].filter(Boolean).join(' ') || null,
      pluginInstallEnabled: this.pluginInstallEnabled,
    };
  }

  /** Validates and saves one plugin's settings and secrets (see pluginSave.ts); nothing is written on any error. */
  save(change: PluginConfigChange): void {
    savePluginSettings(this, this.secrets, this.env, change);
  }

  /** Records which plugin fills which slot (applying); a slot the environment fixes is refused. */
  saveSlots(slots: Partial<PluginSlots>): void {
    savePluginSlots(this, slots);
  }

  /** Every value by field, secrets included, with the environment's text converted to the schema's types. */
  private effective(id: string): { schema: PluginManifest['settingsSchema']; values: Record<string, unknown> } {
    const schema = this.manifest(id).settingsSchema;
    const values: Record<string, unknown> = { ...schemaDefaults(schema), ...(this.store.read().plugins[id]?.settings ?? {}) };
    for (const name of secretFields(schema)) {
      const secret = this.secrets.get(id, name);
      if (secret) values[name] = secret;
    }
    for (const [name, variable] of Object.entries(this.locked(id))) values[name] = fromEnvText(schema, name, this.env[variable]!);
    return { schema, values };
  }

  /** The store's check before any write: settings fit their schemas, secrets stay out, slots name fitting plugins. */
  private checkFile(file: PluginConfigFile): void {
    const fields: FieldErrors = {};
    const manifests = this.manifests();
    for (const slot of Object.keys(file.slots) as PluginSlot[]) {
      const id = file.slots[slot];
      const manifest = manifests.find((m) => m.id === id);
      if (!manifest) fields[`slots.${slot}`] = `There is no plugin "${String(id).slice(0, 40)}" to put in the ${slot} slot.`;
      else if (!manifest.kinds.includes(slot))
        fields[`slots.${slot}`] = `${manifest.name} cannot fill the ${slot} slot; it fills ${manifest.kinds.join(' and ')}.`;
    }
    for (const [id, { settings }] of Object.entries(file.plugins)) {
      const manifest = manifests.find((m) => m.id === id);
      // Settings of a plugin no longer here (a removed manifest) are kept as they are.
      if (!manifest) continue;
      for (const name of secretFields(manifest.settingsSchema)) {
        if (name in settings)
          fields[`${id}.${name}`] =
            `${fieldsOf(manifest.settingsSchema)[name]?.title ?? name} is a secret: it is kept sealed, never in the config file.`;
      }
      // Required values may come from the environment or the sealed store: saving checks them, the file alone cannot.
      const errors = settingsErrors(manifest, settings, new Set(secretFields(manifest.settingsSchema)), { required: false });
      for (const [field, message] of Object.entries(errors ?? {})) fields[`${id}.${field}`] = message;
    }
    if (Object.keys(fields).length) {
      throw new FaxError('invalid_input', `The plugin configuration was not saved: ${Object.values(fields)[0]}`, { fields });
    }
  }
}
