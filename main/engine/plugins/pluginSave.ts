// Saving one plugin's settings from the form or PUT /plugins/{id}/config. Everything is
// checked before anything is written: fields the environment fixes (refused with the
// variable's name unless unchanged), secrets sent as settings, unknown fields, the schema.
// Then the config file (atomic) and the sealed secrets are written.
import { FaxError } from '../../../shared/errors';
import type { PluginConfigChange, PluginManifest, PluginSlot, PluginSlots } from '../../../shared/plugins';
import type { PluginConfigStore } from './pluginConfigStore';
import type { SecretStore } from './secretStore';
import { fieldsOf, fromEnvText, isSecretField, secretFields, type FieldErrors } from './settingsSchema';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * What saving needs of the catalog (pluginCatalog.ts's PluginCatalog, which calls these):
 * declared here so the two files do not import each other.
 */
export interface SavingCatalog {
  readonly store: Pick<PluginConfigStore, 'read' | 'write'>;
  manifest(id: string): PluginManifest;
  /** Field name → the environment variable that fixes it. */
  locked(id: string): Record<string, string>;
  validate(id: string, settings: Record<string, unknown>, secrets: Record<string, string | null>): FieldErrors | null;
  slots(): PluginSlots;
  lockedSlots(): Partial<Record<PluginSlot, string>>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function savePluginSettings(catalog: SavingCatalog, secrets: SecretStore, env: Env, change: PluginConfigChange): void {
  const manifest = catalog.manifest(change.id);
  const schema = manifest.settingsSchema;
  const fields = fieldsOf(schema);
  const title = (name: string) => fields[name]?.title ?? name;
  const locked = catalog.locked(change.id);
  const refusedByEnv: FieldErrors = {};
  const wrongPlace: FieldErrors = {};
  const settings: Record<string, unknown> = {};

  for (const [name, value] of Object.entries(change.settings)) {
    if (isSecretField(schema, name)) {
      wrongPlace[name] = `${title(name)} is a secret: send it among the secrets, not the settings.`;
    } else if (locked[name]) {
      // The form sends back what it shows; only a different value is an attempt to override.
      if (!same(value, fromEnvText(schema, name, env[locked[name]]!)) && !same(value, env[locked[name]])) {
        refusedByEnv[name] =
          `${title(name)} is set by the environment variable ${locked[name]}: change or unset ${locked[name]} where Faxbot is started.`;
      }
    } else if (value !== null && value !== '') {
      settings[name] = value;
    }
  }
  const secretChanges: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(change.secrets ?? {})) {
    if (!isSecretField(schema, name)) wrongPlace[name] = `${manifest.name} has no secret called "${name.slice(0, 60)}".`;
    else if (locked[name])
      refusedByEnv[name] =
        `${title(name)} is set by the environment variable ${locked[name]}: change or unset ${locked[name]} where Faxbot is started.`;
    else secretChanges[name] = value;
  }
  if (Object.keys(refusedByEnv).length) {
    throw new FaxError('locked_by_env', Object.values(refusedByEnv)[0]!, { fields: { ...wrongPlace, ...refusedByEnv } });
  }
  const secretsAfter: Record<string, string | null> = {};
  for (const name of secretFields(schema)) secretsAfter[name] = name in secretChanges ? secretChanges[name]! : secrets.get(change.id, name);
  const errors = { ...(catalog.validate(change.id, settings, secretsAfter) ?? {}), ...wrongPlace };
  if (Object.keys(errors).length) {
    throw new FaxError('invalid_input', `${manifest.name} was not saved: ${Object.values(errors)[0]}`, { fields: errors });
  }

  const file = catalog.store.read();
  file.plugins[change.id] = { settings };
  catalog.store.write(file);
  if (Object.keys(secretChanges).length) {
    const many = (secrets as { setMany?: (id: string, c: Record<string, string | null>) => void }).setMany;
    if (many) many.call(secrets, change.id, secretChanges);
    else for (const [name, value] of Object.entries(secretChanges)) secrets.set(change.id, name, value);
  }
}

/** Puts plugins in slots in the config file (for applying); a slot the environment fixes is refused. */
export function savePluginSlots(catalog: SavingCatalog, slots: Partial<PluginSlots>): void {
  const locked = catalog.lockedSlots();
  const current = catalog.slots();
  const fields: FieldErrors = {};
  for (const [slot, id] of Object.entries(slots) as [PluginSlot, string | undefined][]) {
    if (id && locked[slot] && current[slot] !== id)
      fields[slot] =
        `The ${slot} plugin is set by the environment variable ${locked[slot]}=${current[slot]}: change or unset it where Faxbot is started.`;
  }
  if (Object.keys(fields).length) throw new FaxError('locked_by_env', Object.values(fields)[0]!, { fields });
  const file = catalog.store.read();
  for (const [slot, id] of Object.entries(slots) as [PluginSlot, string | undefined][]) if (id) file.slots[slot] = id;
  catalog.store.write(file);
}
