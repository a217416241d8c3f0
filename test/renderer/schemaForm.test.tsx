// The form a plugin's JSON Schema draws: which input each property becomes, what the form
// refuses before a round trip, what it sends back (never a stored secret, never a locked
// field), and what the markup shows: required marks, help text, "Set" for a secret, a lock
// with the variable's name, the engine's field messages.
import { readdirSync, readFileSync } from 'node:fs';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { settingsSchema, type SettingsSchema } from '../../shared/plugins';
import {
  SchemaForm,
  changeOf,
  draftOf,
  draftProblems,
  fieldProblem,
  fieldsOf,
  type SchemaField,
} from '../../renderer/src/components/schemaForm';
import { fieldErrorsOf } from '../../renderer/src/screens/settings/pluginsStore';

const SCHEMA: SettingsSchema = {
  type: 'object',
  properties: {
    accountId: {
      type: 'string',
      title: 'Account ID',
      description: 'From the console.',
      pattern: '^AC[0-9a-f]{4}$',
      minLength: 6,
      maxLength: 6,
    },
    baseUrl: { type: 'string', format: 'uri', default: 'https://api.example.com/v1', 'x-env': 'EXAMPLE_BASE_URL' },
    pollSeconds: { type: 'integer', minimum: 5, maximum: 600, default: 60 },
    scale: { type: 'number', minimum: 0.5 },
    verifySignatures: { type: 'boolean', default: true },
    region: { enum: ['us-east-1', 'eu-west-1'], title: 'Region' },
    apiSecret: { type: 'string', title: 'API secret', 'x-secret': true, 'x-env': 'EXAMPLE_SECRET' },
    webhook_token: { type: 'string', 'x-secret': true },
  },
  required: ['accountId', 'apiSecret', 'region'],
};
const FIELDS = fieldsOf(SCHEMA);
const field = (name: string) => FIELDS.find((f) => f.name === name) as SchemaField;

describe('fields from a settings schema', () => {
  it('gives each property the input its type calls for, with title, help, bounds, default and variable', () => {
    expect(FIELDS.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['accountId', 'text', true],
      ['baseUrl', 'url', false],
      ['pollSeconds', 'integer', false],
      ['scale', 'number', false],
      ['verifySignatures', 'boolean', false],
      ['region', 'enum', true],
      ['apiSecret', 'secret', true],
      ['webhook_token', 'secret', false],
    ]);
    expect(field('accountId')).toMatchObject({ label: 'Account ID', description: 'From the console.', pattern: '^AC[0-9a-f]{4}$' });
    expect(field('pollSeconds')).toMatchObject({ label: 'Poll seconds', minimum: 5, maximum: 600, default: 60 });
    expect(field('webhook_token').label).toBe('Webhook token');
    expect(field('baseUrl').envVar).toBe('EXAMPLE_BASE_URL');
    expect(field('region').choices).toEqual(['us-east-1', 'eu-west-1']);
  });

  it('draws every built-in plugin schema in config/plugins without losing a property', () => {
    const files = readdirSync('config/plugins').filter((f) => f.endsWith('.schema.json'));
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) {
      const schema = settingsSchema.parse(JSON.parse(readFileSync(`config/plugins/${file}`, 'utf8')));
      const fields = fieldsOf(schema);
      expect(
        fields.map((f) => f.name),
        file,
      ).toEqual(Object.keys(schema.properties));
      for (const f of fields) expect(f.kind === 'secret', `${file} ${f.name}`).toBe(schema.properties[f.name]['x-secret'] === true);
    }
  });

  it('opens with the effective settings, defaults where nothing is set, and every secret untouched', () => {
    const draft = draftOf(FIELDS, { accountId: 'AC12ab', scale: 1.5 });
    expect(draft.values).toEqual({
      accountId: 'AC12ab',
      baseUrl: 'https://api.example.com/v1',
      pollSeconds: '60',
      scale: '1.5',
      verifySignatures: true,
      region: '',
    });
    expect(draft.secrets).toEqual({ apiSecret: { mode: 'keep' }, webhook_token: { mode: 'keep' } });
  });
});

describe('what the form refuses before asking the engine', () => {
  const bad: [string, string | boolean | undefined, RegExp][] = [
    ['accountId', '', /Account ID is required/],
    ['accountId', '   ', /Account ID is required/],
    ['accountId', 'AC12', /at least 6 characters/],
    ['accountId', 'AC12abc', /at most 6 characters/],
    ['accountId', 'XX12ab', /not in the expected form/],
    ['baseUrl', 'api.example.com', /web address starting with https:\/\//],
    ['baseUrl', 'ftp://files.example.com', /web address/],
    ['baseUrl', 'javascript:alert(1)', /web address/],
    ['pollSeconds', 'sixty', /must be a number/],
    ['pollSeconds', '7.5', /whole number/],
    ['pollSeconds', '4', /between 5 and 600/],
    ['pollSeconds', '601', /between 5 and 600/],
    ['pollSeconds', '1e9', /between 5 and 600/],
    ['scale', '0.1', /at least 0.5/],
    ['scale', 'Infinity', /must be a number/],
    ['region', 'mars-1', /Choose one of: us-east-1, eu-west-1/],
    ['region', '', /Region is required/],
    ['apiSecret', undefined, /API secret is required/],
    ['apiSecret', '', /API secret is required/],
  ];
  it.each(bad)('refuses %s = %j', (name, value, message) => {
    expect(fieldProblem(field(name), value)).toMatch(message);
  });

  it('accepts good values, a blank optional field, any boolean, and a required secret the engine already holds', () => {
    expect(fieldProblem(field('accountId'), 'AC12ab')).toBeNull();
    expect(fieldProblem(field('baseUrl'), 'http://127.0.0.1:9000/v2.1')).toBeNull();
    expect(fieldProblem(field('pollSeconds'), '')).toBeNull();
    expect(fieldProblem(field('pollSeconds'), ' 600 ')).toBeNull();
    expect(fieldProblem(field('verifySignatures'), false)).toBeNull();
    expect(fieldProblem(field('apiSecret'), undefined, true)).toBeNull();
    expect(fieldProblem(field('region'), 'eu-west-1')).toBeNull();
  });

  it('leaves a pattern the browser cannot read to the engine', () => {
    const odd = fieldsOf({ type: 'object', properties: { x: { type: 'string', pattern: '(?<' } } })[0];
    expect(fieldProblem(odd, 'anything')).toBeNull();
  });

  it('checks the whole form, skipping locked fields, and counts a cleared secret as not set', () => {
    const draft = draftOf(FIELDS, {});
    expect(Object.keys(draftProblems(FIELDS, draft, {}, {})).sort()).toEqual(['accountId', 'apiSecret', 'region']);
    expect(Object.keys(draftProblems(FIELDS, draft, { apiSecret: true }, { accountId: 'EXAMPLE_ACCOUNT' })).sort()).toEqual(['region']);
    draft.secrets.apiSecret = { mode: 'clear' };
    expect(Object.keys(draftProblems(FIELDS, draft, { apiSecret: true }, {}))).toContain('apiSecret');
  });
});

describe('the change the form sends', () => {
  it('converts typed values to the schema types, drops blank optional fields so defaults apply, and leaves locked fields out', () => {
    const draft = draftOf(FIELDS, {});
    draft.values = {
      accountId: ' AC12ab ',
      baseUrl: 'http://127.0.0.1:1/v2',
      pollSeconds: '90',
      scale: '',
      verifySignatures: false,
      region: 'eu-west-1',
    };
    const change = changeOf(FIELDS, draft, { baseUrl: 'EXAMPLE_BASE_URL' });
    expect(change.settings).toEqual({ accountId: 'AC12ab', pollSeconds: 90, verifySignatures: false, region: 'eu-west-1' });
    expect(change.secrets).toEqual({});
  });

  it('sends a secret only when replaced (the string) or cleared (null); an empty replacement keeps the old one', () => {
    const draft = draftOf(FIELDS, {});
    draft.secrets = { apiSecret: { mode: 'replace', value: 's3cr3t' }, webhook_token: { mode: 'clear' } };
    expect(changeOf(FIELDS, draft, {}).secrets).toEqual({ apiSecret: 's3cr3t', webhook_token: null });
    draft.secrets = { apiSecret: { mode: 'replace', value: '' }, webhook_token: { mode: 'keep' } };
    expect(changeOf(FIELDS, draft, {}).secrets).toEqual({});
    draft.secrets = { apiSecret: { mode: 'replace', value: 'x' }, webhook_token: { mode: 'keep' } };
    expect(changeOf(FIELDS, draft, { apiSecret: 'EXAMPLE_SECRET' }).secrets).toEqual({});
  });

  it("reads the engine's field messages whatever prefix it names them with, and ignores what is not a message", () => {
    expect(
      fieldErrorsOf({ fields: { apiKey: 'a', 'phaxio.apiSecret': 'b', 'settings.baseUrl': 'c', '/pollSeconds': 'd', bad: 3 } }),
    ).toEqual({ apiKey: 'a', apiSecret: 'b', baseUrl: 'c', pollSeconds: 'd' });
    expect(fieldErrorsOf(new Error('plain'))).toEqual({});
    expect(fieldErrorsOf(null)).toEqual({});
    expect(fieldErrorsOf({ fields: 'apiKey' })).toEqual({});
  });
});

describe('the form as drawn', () => {
  const draw = (props: Partial<Parameters<typeof SchemaForm>[0]> = {}) =>
    renderToStaticMarkup(
      <SchemaForm
        idPrefix="f"
        fields={FIELDS}
        draft={draftOf(FIELDS, { accountId: 'AC12ab' })}
        onDraft={() => undefined}
        secrets={{ apiSecret: { set: true, from: 'keychain' }, webhook_token: { set: false, from: 'none' } }}
        locked={{}}
        errors={{}}
        {...props}
      />,
    );

  it('labels every input, marks required fields, and shows each description as help text', () => {
    const html = draw();
    expect(html).toContain('<label for="f-accountId">Account ID<span class="required-mark" aria-hidden="true"> *</span></label>');
    expect(html).toMatch(/id="f-accountId"[^>]*aria-required="true"|aria-required="true"[^>]*id="f-accountId"/);
    expect(html).toContain('From the console.');
    expect(html).toMatch(/<input[^>]*type="url"/);
    expect(html).toMatch(/<input[^>]*type="number"[^>]*min="5"[^>]*max="600"/);
    expect(html).toMatch(/<input[^>]*type="checkbox"[^>]*role="switch"[^>]*checked=""/);
    expect(html).toContain('<option value="us-east-1">us-east-1</option>');
  });

  it('shows a stored secret only as "Set" with Replace and Clear, and an unset one as an empty password box', () => {
    const html = draw();
    expect(html).toContain('Set · kept in the keychain');
    expect(html).toContain('aria-label="Replace API secret"');
    expect(html).toContain('aria-label="Clear API secret"');
    expect(html).not.toContain('id="f-apiSecret"'); // no input holds it at all
    expect(html).toMatch(/<input id="f-webhook_token" type="password"[^>]*value=""/);
  });

  it('shows a field the environment fixes read-only with the variable, and a locked secret without its value', () => {
    const html = draw({ locked: { baseUrl: 'EXAMPLE_BASE_URL', apiSecret: 'EXAMPLE_SECRET' } });
    expect(html).toMatch(/<input id="f-baseUrl" readonly="" aria-readonly="true"[^>]*value="https:\/\/api.example.com\/v1"/i);
    expect(html).toContain('Set by EXAMPLE_BASE_URL');
    expect(html).toMatch(/<input id="f-apiSecret" readonly="" aria-readonly="true"[^>]*value="Set"/i);
    expect(html).toContain('Set by EXAMPLE_SECRET');
    expect(html).not.toContain('aria-label="Replace API secret"');
  });

  it("puts the engine's message under its field in place of the help text and marks the input invalid", () => {
    const html = draw({ errors: { accountId: 'Account ID must start with AC.' } });
    expect(html).toMatch(/<p id="f-accountId-hint" class="hint hint-error">Account ID must start with AC\.<\/p>/);
    expect(html).toMatch(/id="f-accountId"[^>]*aria-invalid="true"/);
    expect(html).not.toContain('From the console.');
  });

  it('never puts a typed secret into the markup once the form is back to "keep"', () => {
    const draft = draftOf(FIELDS, {});
    draft.secrets.webhook_token = { mode: 'replace', value: 'typed-now-9f2' };
    expect(draw({ draft })).toContain('typed-now-9f2'); // in the box while typing
    expect(
      draw({
        draft: draftOf(FIELDS, {}),
        secrets: { apiSecret: { set: true, from: 'keychain' }, webhook_token: { set: true, from: 'keychain' } },
      }),
    ).not.toContain('typed-now-9f2');
  });
});
