// A plugin's settings JSON Schema turned into form fields, and the form's values turned back
// into the settings and secret changes the engine takes. Pure (no DOM), so the rules the form
// follows are tested on their own. Only the subset manifests use is drawn: flat properties of
// type string, integer, number, boolean, or an enum; anything else shows as plain text.
import type { SettingsSchema } from '../../../../shared/plugins';

export type FieldKind = 'text' | 'url' | 'integer' | 'number' | 'boolean' | 'enum' | 'secret';

export interface SchemaField {
  name: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  choices?: readonly (string | number)[];
  /** The environment variable that fixes this field (`x-env`). */
  envVar?: string;
}

/** What the person did to a secret in this form: nothing, typed a new one, or asked to clear it. */
export type SecretEdit = { mode: 'keep' } | { mode: 'replace'; value: string } | { mode: 'clear' };

/** The form's state: every non-secret field as typed (booleans as booleans), and each secret's edit. */
export interface SchemaDraft {
  values: Record<string, string | boolean>;
  secrets: Record<string, SecretEdit>;
}

const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** Turns "apiKey" or "callback_token" into "Api key" / "Callback token" when the schema has no title. */
function labelOf(name: string): string {
  const words = name
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function kindOf(property: Record<string, unknown>): FieldKind {
  if (property['x-secret'] === true) return 'secret';
  if (Array.isArray(property.enum)) return 'enum';
  const type = Array.isArray(property.type) ? property.type.find((t) => t !== 'null') : property.type;
  if (type === 'boolean') return 'boolean';
  if (type === 'integer') return 'integer';
  if (type === 'number') return 'number';
  if (type === 'string' && (property.format === 'uri' || property.format === 'url')) return 'url';
  return 'text';
}

export function fieldsOf(schema: SettingsSchema): SchemaField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties).map(([name, property]) => {
    const field: SchemaField = { name, label: str(property.title) ?? labelOf(name), kind: kindOf(property), required: required.has(name) };
    const description = str(property.description);
    if (description) field.description = description;
    if (property.default !== undefined) field.default = property.default;
    if (num(property.minimum) !== undefined) field.minimum = num(property.minimum);
    if (num(property.maximum) !== undefined) field.maximum = num(property.maximum);
    if (num(property.minLength) !== undefined) field.minLength = num(property.minLength);
    if (num(property.maxLength) !== undefined) field.maxLength = num(property.maxLength);
    if (str(property.pattern)) field.pattern = str(property.pattern);
    if (Array.isArray(property.enum))
      field.choices = property.enum.filter((c): c is string | number => typeof c === 'string' || typeof c === 'number');
    if (str(property['x-env'])) field.envVar = str(property['x-env']);
    return field;
  });
}

/** The form as it opens: the engine's effective settings (they already include defaults), secrets untouched. */
export function draftOf(fields: readonly SchemaField[], settings: Record<string, unknown>): SchemaDraft {
  const draft: SchemaDraft = { values: {}, secrets: {} };
  for (const field of fields) {
    if (field.kind === 'secret') {
      draft.secrets[field.name] = { mode: 'keep' };
      continue;
    }
    const value = settings[field.name] ?? field.default;
    if (field.kind === 'boolean') draft.values[field.name] = value === true;
    else draft.values[field.name] = value === undefined || value === null ? '' : String(value);
  }
  return draft;
}

const isBlank = (value: string | boolean | undefined) => value === undefined || (typeof value === 'string' && value.trim() === '');

function validUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function rangeWords(field: SchemaField): string {
  if (field.minimum !== undefined && field.maximum !== undefined) return `between ${field.minimum} and ${field.maximum}`;
  if (field.minimum !== undefined) return `at least ${field.minimum}`;
  return `at most ${field.maximum}`;
}

/**
 * Why a typed value cannot be saved, in words, or null. The engine checks again against the
 * full schema on save; this only spares a round trip for the common mistakes.
 * `secretSet`: whether the engine already holds this secret (a required secret may stay as it is).
 */
export function fieldProblem(field: SchemaField, value: string | boolean | undefined, secretSet = false): string | null {
  if (field.kind === 'boolean') return null;
  if (field.kind === 'secret' && isBlank(value)) return field.required && !secretSet ? `${field.label} is required.` : null;
  if (isBlank(value)) return field.required ? `${field.label} is required.` : null;
  const text = String(value).trim();
  if (field.kind === 'integer' || field.kind === 'number') {
    const n = Number(text);
    if (!Number.isFinite(n)) return `${field.label} must be a number.`;
    if (field.kind === 'integer' && !Number.isInteger(n)) return `${field.label} must be a whole number.`;
    if ((field.minimum !== undefined && n < field.minimum) || (field.maximum !== undefined && n > field.maximum))
      return `${field.label} must be ${rangeWords(field)}.`;
    return null;
  }
  if (field.kind === 'enum') return field.choices?.some((c) => String(c) === text) ? null : `Choose one of: ${field.choices?.join(', ')}.`;
  if (field.kind === 'url' && !validUrl(text)) return `${field.label} must be a web address starting with https:// or http://.`;
  if (field.minLength !== undefined && text.length < field.minLength)
    return `${field.label} must be at least ${field.minLength} characters.`;
  if (field.maxLength !== undefined && text.length > field.maxLength)
    return `${field.label} must be at most ${field.maxLength} characters.`;
  if (field.pattern) {
    let re: RegExp | null = null;
    try {
      re = new RegExp(field.pattern, 'u');
    } catch {
      re = null; // a pattern the browser cannot read is left to the engine's check
    }
    if (re && !re.test(text)) return `${field.label} is not in the expected form.`;
  }
  return null;
}

/** Every field's problem, for a check before Save or Test; locked fields are the environment's business. */
export function draftProblems(
  fields: readonly SchemaField[],
  draft: SchemaDraft,
  secretsSet: Record<string, boolean>,
  locked: Record<string, string>,
): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const field of fields) {
    if (locked[field.name]) continue;
    const value = field.kind === 'secret' ? secretValue(draft.secrets[field.name]) : draft.values[field.name];
    const stillSet = field.kind === 'secret' && secretsSet[field.name] === true && draft.secrets[field.name]?.mode !== 'clear';
    const problem = fieldProblem(field, value, stillSet);
    if (problem) problems[field.name] = problem;
  }
  return problems;
}

const secretValue = (edit: SecretEdit | undefined) => (edit?.mode === 'replace' ? edit.value : undefined);

/**
 * The change the engine takes: typed values converted to the schema's types (blank optional
 * fields left out, so the default applies), locked fields left out (saving cannot override
 * them), and only the secrets the person replaced (a string) or cleared (null).
 */
export function changeOf(
  fields: readonly SchemaField[],
  draft: SchemaDraft,
  locked: Record<string, string>,
): { settings: Record<string, unknown>; secrets: Record<string, string | null> } {
  const settings: Record<string, unknown> = {};
  const secrets: Record<string, string | null> = {};
  for (const field of fields) {
    if (locked[field.name]) continue;
    if (field.kind === 'secret') {
      const edit = draft.secrets[field.name];
      if (edit?.mode === 'replace' && edit.value !== '') secrets[field.name] = edit.value;
      if (edit?.mode === 'clear') secrets[field.name] = null;
      continue;
    }
    const value = draft.values[field.name];
    if (field.kind === 'boolean') {
      settings[field.name] = value === true;
      continue;
    }
    if (isBlank(value)) continue;
    const text = String(value).trim();
    if (field.kind === 'integer' || field.kind === 'number') settings[field.name] = Number(text);
    else if (field.kind === 'enum') settings[field.name] = field.choices?.find((c) => String(c) === text) ?? text;
    else settings[field.name] = text;
  }
  return { settings, secrets };
}
