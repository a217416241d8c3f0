// An imported manifest is checked before it can be saved, and every refusal names the path
// of what is wrong. Templates only substitute values, encoded for where they land.
import { describe, expect, it } from 'vitest';
import { checkHttpManifest, hostAllowed, type HttpProviderManifest } from '../../main/engine/plugins/http';
import { fill, fillHeader, fillJson, fillUrl } from '../../main/engine/plugins/http/template';
import { readPath } from '../../main/engine/plugins/http/responsePath';
import { fixtureManifest } from './httpManifestSupport';

function refusal(edit: (m: HttpProviderManifest & Record<string, unknown>) => void): { message: string; fields: Record<string, string> } {
  const manifest = fixtureManifest() as HttpProviderManifest & Record<string, unknown>;
  edit(manifest);
  try {
    checkHttpManifest(manifest);
  } catch (error) {
    const e = error as { code: string; message: string; fields: Record<string, string> };
    expect(e.code).toBe('invalid_input');
    return e;
  }
  throw new Error('the manifest was accepted');
}

describe('HTTP manifest validation', () => {
  it('accepts the HTTPFax fixture as it is', () => {
    expect(checkHttpManifest(fixtureManifest()).id).toBe('httpfax');
  });

  it('refuses a manifest with required fields missing, naming each', () => {
    const e = refusal((m) => {
      delete (m as Partial<HttpProviderManifest>).allowed_domains;
      delete (m.actions as Partial<HttpProviderManifest['actions']>).get_status;
    });
    expect(e.fields).toMatchObject({ allowed_domains: 'is missing', 'actions.get_status': 'is missing' });
    expect(e.message).toContain('allowed_domains: is missing');
  });

  it('refuses a plain http URL to a host on the network', () => {
    const e = refusal((m) => {
      m.actions.send_fax.url = 'http://api.httpfax.example/v1/faxes';
    });
    expect(e.fields['actions.send_fax.url']).toMatch(
      /^must be https and on an allowed domain: http is allowed only to 127\.0\.0\.1 or localhost/,
    );
  });

  it('refuses a URL whose host is not in allowed_domains', () => {
    const e = refusal((m) => {
      m.actions.get_status.url = 'https://collector.evil.example/v1/faxes/{{fax_id}}';
    });
    expect(e.message).toContain(
      'actions.get_status.url: must be https and on an allowed domain: collector.evil.example is not in allowed_domains',
    );
  });

  it('refuses a host made of a placeholder, which would let a value choose where faxes go', () => {
    const e = refusal((m) => {
      m.actions.send_fax.url = 'https://{{settings.caller_id}}/v1/faxes';
    });
    expect(e.fields['actions.send_fax.url']).toContain('the scheme and host cannot contain placeholders');
  });

  it('refuses placeholders naming settings or secrets the schema does not declare', () => {
    const e = refusal((m) => {
      m.actions.send_fax.body!.template = {
        to: '{{to}}',
        file: '{{file}}',
        account: '{{settings.account_id}}',
        key: '{{creds.api_secret}}',
      };
    });
    expect(e.fields['actions.send_fax.body.template']).toContain('{{settings.account_id}} names a setting');
    const f = refusal((m) => {
      m.actions.send_fax.headers = { 'X-Key': '{{creds.api_secret}}' };
    });
    expect(f.fields['actions.send_fax.headers.X-Key']).toContain('names a secret the manifest');
  });

  it('refuses unknown placeholders, expressions, and secrets in URLs', () => {
    expect(refusal((m) => void (m.actions.get_status.url += '?x={{ process.env.HOME }}')).fields['actions.get_status.url']).toContain(
      'is not a placeholder Faxbot knows',
    );
    expect(refusal((m) => void (m.actions.get_status.url += '?x={{to.toUpperCase()}}')).fields['actions.get_status.url']).toContain(
      'is not a placeholder Faxbot knows',
    );
    expect(refusal((m) => void (m.actions.get_status.url += '?token={{creds.api_token}}')).fields['actions.get_status.url']).toContain(
      'would put a secret in the URL',
    );
    expect(refusal((m) => void (m.actions.get_status.url += '?n={{settings.api_token}}')).fields['actions.get_status.url']).toContain(
      'is a secret: write it as {{creds.api_token}}',
    );
  });

  it('refuses an unknown auth scheme, and an auth token that is not a secret field', () => {
    expect(refusal((m) => void ((m.auth as { scheme: string }).scheme = 'oauth_magic')).fields['auth.scheme']).toBe(
      'must be one of none, basic, bearer, api_key_header, api_key_query',
    );
    expect(refusal((m) => void (m.auth.token = 'caller_id')).fields['auth.token']).toContain(
      'must be a settingsSchema property marked "x-secret": true',
    );
  });

  it('refuses a body template that is too big, and a manifest that is too big', () => {
    const big = refusal((m) => {
      m.actions.send_fax.body = { kind: 'json', template: { to: '{{to}}', file: '{{file_base64}}', filler: 'x'.repeat(20_000) } };
    });
    expect(big.fields['actions.send_fax.body.template']).toMatch(/is 20 KB; a body template may be at most 16 KB/);
    const huge = refusal((m) => void (m.description = 'y'.repeat(70_000)));
    expect(huge.message).toMatch(/manifest: is \d+ KB; a manifest may be at most 64 KB/);
  });

  it('refuses a send that never carries the document or the number, and {{file}} outside multipart', () => {
    const e = refusal((m) => void (m.actions.send_fax.body = { kind: 'multipart', template: { caller: '{{settings.caller_id}}' } }));
    expect(e.fields['actions.send_fax.body.template']).toContain('never sends the document');
    expect(e.fields['actions.send_fax']).toContain('never sends the fax number');
    const json = refusal((m) => void (m.actions.send_fax.body = { kind: 'json', template: { to: '{{to}}', document: '{{file}}' } }));
    expect(json.fields['actions.send_fax.body.template']).toContain('{{file}} must be a whole multipart field value');
  });

  it('refuses a status action without a status map, and unknown fields', () => {
    const e = refusal((m) => void delete m.actions.get_status.response!.status_map);
    expect(e.fields['actions.get_status.response.status_map']).toContain('is missing');
    const f = refusal((m) => void ((m as Record<string, unknown>).run_script = 'rm -rf /'));
    expect(f.fields.run_script).toContain('is not a field Faxbot knows');
  });

  it("refuses a manifest that would read another plugin's environment variables", () => {
    const e = refusal((m) => void (m.settingsSchema.properties.api_token!['x-env'] = 'PHAXIO_API_SECRET'));
    expect(e.fields['settingsSchema.properties.api_token.x-env']).toBe(
      'must start with HTTPFAX_: a manifest may only read its own environment variables',
    );
  });

  it('refuses a bad id, and values of the wrong type, naming the path', () => {
    const e = refusal((m) => {
      m.id = 'Bad Id!';
      (m as Record<string, unknown>).timeout_ms = 'soon';
    });
    expect(Object.keys(e.fields)).toEqual(expect.arrayContaining(['id', 'timeout_ms']));
    expect(() => checkHttpManifest(null)).toThrow(/cannot be used/);
    expect(() => checkHttpManifest('{"id":"x"}')).toThrow(/cannot be used/);
  });
});

describe('HTTP manifest templates and paths', () => {
  const values = (name: string) => ({ to: '+15555550199', fax_id: '../admin?x=1#', 'settings.note': 'He said "hi"\n\\ }' })[name] ?? '';

  it('URL-encodes values, so a value cannot add a path, a query or a host', () => {
    expect(fillUrl('https://api.example/v1/faxes/{{fax_id}}', values)).toBe('https://api.example/v1/faxes/..%2Fadmin%3Fx%3D1%23');
  });

  it('JSON-escapes values inside a JSON body, keeping the structure the manifest gave', () => {
    const body = JSON.stringify(fillJson({ to: '{{to}}', note: 'Note: {{settings.note}}', list: ['{{to}}', 3, true, null] }, values));
    expect(JSON.parse(body)).toEqual({ to: '+15555550199', note: 'Note: He said "hi"\n\\ }', list: ['+15555550199', 3, true, null] });
  });

  it('refuses a header value with a line break', () => {
    expect(() => fillHeader('X-Note', '{{settings.note}}', values)).toThrow(/contains a line break/);
    expect(fill('{{to}} and {{ to }}', values)).toBe('+15555550199 and +15555550199');
  });

  it('reads dot and index paths, and never reaches into prototypes', () => {
    const answer = { data: [{ id: 7, status: 'ok' }], error: { message: 'x' } };
    expect(readPath(answer, 'data[0].id')).toBe(7);
    expect(readPath(answer, 'error.message')).toBe('x');
    expect(readPath(answer, 'data[3].id')).toBeUndefined();
    expect(readPath(answer, '__proto__.constructor')).toBeUndefined();
  });

  it('matches allowed domains exactly or by *.suffix', () => {
    expect(hostAllowed('api.httpfax.example', ['api.httpfax.example'])).toBe(true);
    expect(hostAllowed('eu.api.httpfax.example', ['*.httpfax.example'])).toBe(true);
    expect(hostAllowed('httpfax.example', ['*.httpfax.example'])).toBe(false);
    expect(hostAllowed('evilhttpfax.example', ['*.httpfax.example'])).toBe(false);
    expect(hostAllowed('api.httpfax.example.evil.test', ['api.httpfax.example'])).toBe(false);
  });
});
