// Validating an imported manifest before it can be saved: first its shape against the JSON
// Schema (ajv), then what a schema cannot say — URLs on allowed hosts, placeholders that name
// real settings, secrets that are marked secret. Every refusal names the field's path.
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { FaxError } from '../../../../shared/errors';
import schema from '../../../../config/schemas/http-provider-manifest.schema.json';
import { secretFields } from '../settingsSchema';
import { urlRefusal } from './domains';
import { FAX_PLACEHOLDERS, isOnly, isWellFormedName, placeholdersIn, stringsIn } from './template';
import { MAX_MANIFEST_BYTES, MAX_TEMPLATE_BYTES, type ActionName, type HttpAction, type HttpProviderManifest } from './manifestTypes';

let compiled: ReturnType<Ajv2020['compile']> | null = null;
function schemaCheck() {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

const ACTIONS: ActionName[] = ['send_fax', 'get_status', 'cancel_fax', 'lookup'];

/** The manifest, checked; otherwise a FaxError('invalid_input') with one message per path. */
export function checkHttpManifest(raw: unknown): HttpProviderManifest {
  const size = Buffer.byteLength(JSON.stringify(raw ?? null) ?? '', 'utf8');
  if (size > MAX_MANIFEST_BYTES) {
    throw refusal({ manifest: `is ${Math.ceil(size / 1024)} KB; a manifest may be at most ${MAX_MANIFEST_BYTES / 1024} KB` });
  }
  const validate = schemaCheck();
  if (!validate(raw)) throw refusal(schemaProblems(validate.errors ?? []));
  const manifest = raw as HttpProviderManifest;
  const problems: Record<string, string> = {};
  checkSettings(manifest, problems);
  checkAuth(manifest, problems);
  for (const name of ACTIONS) {
    const action = manifest.actions[name];
    if (action) checkAction(manifest, name, action, problems);
  }
  if (Object.keys(problems).length > 0) throw refusal(problems);
  return manifest;
}

function refusal(fields: Record<string, string>): FaxError {
  const lines = Object.entries(fields).map(([path, message]) => `${path}: ${message}`);
  const shown = lines.slice(0, 5).join('; ') + (lines.length > 5 ? `; and ${lines.length - 5} more` : '');
  return new FaxError('invalid_input', `This provider manifest cannot be used: ${shown}.`, { fields });
}

function dotted(instancePath: string): string {
  return (
    instancePath
      .replace(/^\//, '')
      .split('/')
      .filter(Boolean)
      .join('.')
      .replace(/\.(\d+)(?=\.|$)/g, '[$1]') || 'manifest'
  );
}

function schemaProblems(errors: ErrorObject[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const error of errors) {
    let path = dotted(error.instancePath);
    let message: string;
    const params = error.params as Record<string, unknown>;
    switch (error.keyword) {
      case 'required':
        path = path === 'manifest' ? String(params.missingProperty) : `${path}.${String(params.missingProperty)}`;
        message = 'is missing';
        break;
      case 'additionalProperties':
        path = path === 'manifest' ? String(params.additionalProperty) : `${path}.${String(params.additionalProperty)}`;
        message = 'is not a field Faxbot knows: check its spelling';
        break;
      case 'enum':
        message = `must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
        break;
      case 'oneOf':
        message = 'must be a state (queued, sending, delivered, failed) or { "state": …, "retryable": true|false }';
        break;
      default:
        message = error.message ?? 'is not valid';
    }
    // Keep the first (usually clearest) message per field.
    fields[path] ??= message;
  }
  return fields;
}

function secretFieldSet(manifest: HttpProviderManifest): Set<string> {
  return new Set(secretFields(manifest.settingsSchema));
}

function checkSettings(manifest: HttpProviderManifest, problems: Record<string, string>): void {
  const props = manifest.settingsSchema.properties;
  // A manifest may read only its own variables: "x-env": "PHAXIO_API_SECRET" would hand another plugin's secret to this service.
  const prefix = `${manifest.id.toUpperCase().replace(/-/g, '_')}_`;
  for (const [name, field] of Object.entries(props)) {
    const variable = field['x-env'];
    if (typeof variable === 'string' && !variable.startsWith(prefix))
      problems[`settingsSchema.properties.${name}.x-env`] =
        `must start with ${prefix}: a manifest may only read its own environment variables`;
  }
  for (const name of manifest.settingsSchema.required ?? []) {
    if (!(name in props)) problems[`settingsSchema.required`] = `names ${name}, which is not among settingsSchema.properties`;
  }
}

function checkAuth(manifest: HttpProviderManifest, problems: Record<string, string>): void {
  const { auth } = manifest;
  const secrets = secretFieldSet(manifest);
  const needSecret = (field: 'token' | 'password') => {
    const name = auth[field];
    if (!name) problems[`auth.${field}`] = `is missing: name the secret setting that holds it (auth scheme ${auth.scheme})`;
    else if (!secrets.has(name))
      problems[`auth.${field}`] = `names ${name}, which must be a settingsSchema property marked "x-secret": true`;
  };
  if (auth.scheme === 'bearer' || auth.scheme === 'api_key_header' || auth.scheme === 'api_key_query') needSecret('token');
  if (auth.scheme === 'basic') {
    needSecret('password');
    if (!auth.username) problems['auth.username'] = 'is missing: name the setting that holds the user name (auth scheme basic)';
    else if (!(auth.username in manifest.settingsSchema.properties))
      problems['auth.username'] = `names ${auth.username}, which is not among settingsSchema.properties`;
  }
}

function checkAction(manifest: HttpProviderManifest, name: ActionName, action: HttpAction, problems: Record<string, string>): void {
  const at = `actions.${name}`;
  const props = manifest.settingsSchema.properties;
  const secrets = secretFieldSet(manifest);
  const kind = action.body?.kind ?? 'none';
  const template = action.body?.template;

  // Where each placeholder may appear: secrets never in a URL (URLs end up in logs).
  const checkPlaceholders = (path: string, texts: string[], inUrl: boolean) => {
    for (const text of texts) {
      for (const placeholder of placeholdersIn(text)) {
        const why = placeholderRefusal(placeholder, { inUrl, action: name, props, secrets });
        if (why) problems[path] ??= why;
      }
    }
  };

  // The scheme and host are the manifest's own, never a value: that is what keeps the calls on its list.
  const hostPart = /^[a-z]+:\/\/[^/?#]*/i.exec(action.url)?.[0] ?? action.url;
  if (hostPart.includes('{{'))
    problems[`${at}.url`] = 'must be https and on an allowed domain: the scheme and host cannot contain placeholders';
  else {
    try {
      const why = urlRefusal(new URL(action.url.replace(/\{\{[^{}]*\}\}/g, 'x')), manifest.allowed_domains);
      if (why) problems[`${at}.url`] = why;
    } catch {
      problems[`${at}.url`] = 'must be https and on an allowed domain: it is not a full URL';
    }
  }
  checkPlaceholders(`${at}.url`, [action.url], true);
  for (const [header, value] of Object.entries(action.headers ?? {})) {
    if (/^(host|content-length|transfer-encoding|connection)$/i.test(header))
      problems[`${at}.headers.${header}`] = 'is set by Faxbot and cannot be set here';
    if (/^authorization$/i.test(header) && manifest.auth.scheme !== 'none')
      problems[`${at}.headers.${header}`] = 'is set by the auth section and cannot be set here too';
    checkPlaceholders(`${at}.headers.${header}`, [value], false);
  }

  if (action.method === 'GET' && kind !== 'none') problems[`${at}.body`] = 'a GET request has no body: use kind "none" or another method';
  if (kind === 'none' && template !== undefined) problems[`${at}.body.template`] = 'a body of kind "none" has no template';
  if (kind !== 'none' && template === undefined) problems[`${at}.body.template`] = `is missing: a ${kind} body needs a template`;
  if ((kind === 'form' || kind === 'multipart') && template !== undefined) {
    const flat =
      template && typeof template === 'object' && !Array.isArray(template) && Object.values(template).every((v) => typeof v === 'string');
    if (!flat) problems[`${at}.body.template`] = `a ${kind} template is an object of field name → text`;
  }
  if (template !== undefined) {
    const bytes = Buffer.byteLength(JSON.stringify(template), 'utf8');
    if (bytes > MAX_TEMPLATE_BYTES)
      problems[`${at}.body.template`] = `is ${Math.ceil(bytes / 1024)} KB; a body template may be at most ${MAX_TEMPLATE_BYTES / 1024} KB`;
    else checkPlaceholders(`${at}.body.template`, stringsIn(template), false);
    const strings = stringsIn(template);
    // The document goes whole: as a file part of its own, or as one base64 text field.
    if (strings.some((s) => placeholdersIn(s).includes('file') && !(kind === 'multipart' && isOnly(s, 'file')))) {
      problems[`${at}.body.template`] ??= '{{file}} must be a whole multipart field value (use {{file_base64}} in json or form bodies)';
    }
    if (kind === 'multipart' && strings.some((s) => placeholdersIn(s).includes('file_base64'))) {
      problems[`${at}.body.template`] ??= 'in a multipart body send the document as {{file}}, not {{file_base64}}';
    }
  }

  const response = action.response ?? {};
  if (name === 'send_fax') {
    const all = [action.url, ...Object.values(action.headers ?? {}), ...stringsIn(template)];
    const names = all.flatMap(placeholdersIn);
    if (!names.includes('file') && !names.includes('file_base64'))
      problems[`${at}.body.template`] ??= 'never sends the document: put {{file}} (multipart) or {{file_base64}} in it';
    if (!names.includes('to')) problems[at] ??= 'never sends the fax number: put {{to}} in its URL or body';
    if (manifest.idempotency?.service_dedupes && !names.includes('idempotency_key'))
      problems[at] ??= 'idempotency.service_dedupes is on, but the request never sends {{idempotency_key}}';
    if (!response.job_id) problems[`${at}.response.job_id`] = 'is missing: name where the answer gives the fax id';
  }
  if (name === 'get_status' || name === 'lookup') {
    if (!response.status) problems[`${at}.response.status`] = 'is missing: name where the answer gives the fax status';
    if (!response.status_map || Object.keys(response.status_map).length === 0)
      problems[`${at}.response.status_map`] = "is missing: map the service's statuses onto queued, sending, delivered, failed";
  }
  if (name === 'lookup' && !response.job_id) problems[`${at}.response.job_id`] = 'is missing: name where the answer gives the fax id';
  if ((name === 'get_status' || name === 'cancel_fax') && !placeholdersIn(action.url).includes('fax_id')) {
    problems[`${at}.url`] ??= 'must name the fax: put {{fax_id}} in it';
  }
  if (name === 'lookup' && !all(action).includes('idempotency_key'))
    problems[`${at}.url`] ??= 'must search by the attempt: put {{idempotency_key}} in it';
}

function all(action: HttpAction): string[] {
  return [action.url, ...Object.values(action.headers ?? {}), ...stringsIn(action.body?.template)].flatMap(placeholdersIn);
}

function placeholderRefusal(
  placeholder: string,
  where: { inUrl: boolean; action: ActionName; props: Record<string, unknown>; secrets: Set<string> },
): string | null {
  if (!isWellFormedName(placeholder)) return `{{${placeholder}}} is not a placeholder Faxbot knows`;
  const [scope, field] = placeholder.split('.');
  if (scope === 'settings') {
    if (!field || !(field in where.props)) return `{{${placeholder}}} names a setting the manifest's settingsSchema does not declare`;
    if (where.secrets.has(field)) return `{{${placeholder}}} is a secret: write it as {{creds.${field}}}`;
    return null;
  }
  if (scope === 'creds') {
    if (!field || !where.secrets.has(field))
      return `{{${placeholder}}} names a secret the manifest's settingsSchema does not declare with "x-secret": true`;
    if (where.inUrl)
      return `{{${placeholder}}} would put a secret in the URL, where it ends up in logs: send it in a header or the body, or use auth scheme api_key_query`;
    return null;
  }
  if (!(FAX_PLACEHOLDERS as readonly string[]).includes(placeholder))
    return `{{${placeholder}}} is not a placeholder Faxbot knows (use ${FAX_PLACEHOLDERS.join(', ')}, settings.<field> or creds.<field>)`;
  if (placeholder === 'fax_id' && where.action === 'send_fax') return '{{fax_id}} is not known yet when a fax is sent';
  if ((placeholder === 'file' || placeholder === 'file_base64') && where.action !== 'send_fax')
    return `{{${placeholder}}} belongs in send_fax only`;
  return null;
}
