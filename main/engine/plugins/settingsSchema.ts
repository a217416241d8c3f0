// What a plugin's JSON Schema says about its settings: which fields are secret, which
// variable fixes each, their defaults, and the field-by-field errors of a set of values.
// ajv checks the values; the messages are ours, in words, named by the field's title.
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { PluginManifest, SettingsSchema } from '../../../shared/plugins';

export type FieldErrors = Record<string, string>;

interface FieldSchema {
  title?: string;
  type?: string;
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  'x-secret'?: boolean;
  'x-env'?: string;
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const compiled = new WeakMap<SettingsSchema, ValidateFunction>();

export function fieldsOf(schema: SettingsSchema): Record<string, FieldSchema> {
  return schema.properties as Record<string, FieldSchema>;
}

export function secretFields(schema: SettingsSchema): string[] {
  return Object.entries(fieldsOf(schema))
    .filter(([, field]) => field['x-secret'] === true)
    .map(([name]) => name);
}

export function isSecretField(schema: SettingsSchema, name: string): boolean {
  return fieldsOf(schema)[name]?.['x-secret'] === true;
}

export function envNameOf(schema: SettingsSchema, name: string): string | undefined {
  const env = fieldsOf(schema)[name]?.['x-env'];
  return typeof env === 'string' ? env : undefined;
}

export function schemaDefaults(schema: SettingsSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fieldsOf(schema)))
    if (field.default !== undefined && !field['x-secret']) out[name] = field.default;
  return out;
}

/** Compiles the schema once; a schema ajv cannot compile is reported by the caller. */
export function compileSettingsSchema(schema: SettingsSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    // $id would make ajv refuse a second schema with the same id (a registry file's copy).
    const { $id: _id, ...rest } = schema as SettingsSchema & { $id?: string };
    validate = ajv.compile(rest);
    compiled.set(schema, validate);
  }
  return validate;
}

/** An environment value as the schema's type, for showing it (the variable stays a string). */
export function fromEnvText(schema: SettingsSchema, name: string, text: string): unknown {
  const type = fieldsOf(schema)[name]?.type;
  if (type === 'integer' || type === 'number') return /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text;
  if (type === 'boolean') {
    const lower = text.trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(lower)) return true;
    if (['false', '0', 'no', 'off'].includes(lower)) return false;
  }
  return text;
}

function describe(manifest: PluginManifest, error: ErrorObject): [string, string] {
  const fields = fieldsOf(manifest.settingsSchema);
  const name = error.instancePath.split('/')[1] ?? '';
  const title = (field: string) => fields[field]?.title ?? field;
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const missing = String(p.missingProperty);
      return [missing, `${manifest.name} needs ${title(missing)}.`];
    }
    case 'additionalProperties': {
      const extra = String(p.additionalProperty);
      return [extra, `${manifest.name} has no setting called "${extra.slice(0, 60)}": remove it.`];
    }
    case 'type': {
      const words: Record<string, string> = {
        integer: 'a whole number',
        number: 'a number',
        string: 'text',
        boolean: 'on or off (true or false)',
      };
      return [name, `${title(name)} must be ${words[String(p.type)] ?? String(p.type)}.`];
    }
    case 'enum':
      return [name, `${title(name)} must be one of: ${(fields[name]?.enum ?? []).map(String).join(', ')}.`];
    case 'minimum':
    case 'maximum':
      return [name, `${title(name)} must be from ${fields[name]?.minimum ?? '…'} to ${fields[name]?.maximum ?? '…'}.`];
    case 'minLength':
      return [name, `${title(name)} cannot be empty.`];
    case 'maxLength':
      return [name, `${title(name)} is too long: at most ${fields[name]?.maxLength} characters.`];
    case 'format':
    case 'pattern': {
      const hint = (fields[name] as { description?: string } | undefined)?.description;
      return [name, `${title(name)} is not in the right form${hint ? `: ${hint}` : '.'}`];
    }
    default:
      return [name || '_', `${title(name)} is not valid: ${error.message ?? 'check the value'}.`];
  }
}

/** Field → message for every problem (the first per field), or null when the values fit the schema. */
export function settingsErrors(
  manifest: PluginManifest,
  values: Record<string, unknown>,
  skip: ReadonlySet<string> = new Set(),
  options: { required?: boolean } = {},
): FieldErrors | null {
  const validate = compileSettingsSchema(manifest.settingsSchema);
  if (validate(values)) return null;
  const errors: FieldErrors = {};
  for (const error of validate.errors ?? []) {
    if (options.required === false && error.keyword === 'required') continue;
    const [field, message] = describe(manifest, error);
    if (skip.has(field) || errors[field]) continue;
    errors[field] = message;
  }
  return Object.keys(errors).length ? errors : null;
}
