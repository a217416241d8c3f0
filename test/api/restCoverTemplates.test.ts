// /cover-templates on a real headless server: list, add with a logo, change, preview, delete;
// scopes; every bad body refused with a sentence and nothing saved; and POST /fax with
// cover_template_id, whose sent PDF really carries the template's letterhead.
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestPdf } from '../support/pdfs';
import { logoPng, pdfImages, pdftotext } from '../covers/coverFixtures';
import { DELIVERS, startApi, type ApiFixture } from './apiFixture';

let api: ApiFixture | null = null;
afterEach(async () => {
  await api?.close();
  api = null;
});

const json = (body: unknown, method = 'POST'): RequestInit => ({
  method,
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json' },
});

const LETTERHEAD = {
  name: 'Letterhead',
  layout: 'letterhead',
  practice: { name: 'Riverside Family Clinic', address: '12 River Road' },
  logo: { content_base64: logoPng().toString('base64'), file_name: 'logo.png' },
};

const templateCount = async (a: ApiFixture) => (await a.engine.call('listCoverTemplates', {})).items.length;

describe('REST /cover-templates', () => {
  it('adds a letterhead with its logo, lists, reads, changes, previews and deletes it, each audited under the key', async () => {
    api = await startApi();
    const key = await api.key(['covers:read', 'covers:write'], 'EHR');
    const created = await api.get('/cover-templates', key, json(LETTERHEAD));
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      name: 'Letterhead',
      layout: 'letterhead',
      practice: { name: 'Riverside Family Clinic', address: '12 River Road', phone: '', fax: '', email: '' },
      fields: { recipient: true, sender: true, date: true, pages: true, subject: true, notes: true },
      logo: { width: 300, height: 120 },
      builtin: false,
      contacts: 0,
    });
    const { id } = created.json;
    const list = await api.get('/cover-templates', key);
    expect(list.json.items.map((t: { id: string; builtin: boolean }) => [t.id, t.builtin])).toEqual([
      ['plain', true],
      [id, false],
    ]);
    // PUT changes what it names; the logo and the other practice details are kept.
    const changed = await api.get(
      `/cover-templates/${id}`,
      key,
      json({ practice: { phone: '(217) 555-0100' }, fields: { notes: false } }, 'PUT'),
    );
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({
      practice: { name: 'Riverside Family Clinic', phone: '(217) 555-0100' },
      fields: { notes: false, subject: true },
      logo: { width: 300 },
    });
    const preview = await api.get(`/cover-templates/${id}/preview`, key);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toBe('application/pdf');
    const pdf = new Uint8Array(preview.json as ArrayBuffer);
    expect(pdftotext(pdf)).toContain('Phone (217) 555-0100');
    expect(pdfImages(pdf)).toEqual([{ width: 300, height: 120 }]);

    const deleted = await api.get(`/cover-templates/${id}`, key, { method: 'DELETE' });
    expect(deleted).toMatchObject({ status: 200, json: { id, contacts: 0, detail: '“Letterhead” was deleted.' } });
    expect((await api.get(`/cover-templates/${id}`, key)).status).toBe(404);
    const entries = api.engine.audit.recent(100).filter((e) => e.target === id && e.action.startsWith('cover_template'));
    expect(entries.map((e) => e.action)).toEqual(['cover_template_deleted', 'cover_template_changed', 'cover_template_created']);
    expect(entries.every((e) => /^[0-9a-f]{12}$/.test(e.actor))).toBe(true);
  });

  it('needs covers:read to look and covers:write to change', async () => {
    api = await startApi();
    const reader = await api.key(['covers:read']);
    expect((await api.get('/cover-templates', reader)).status).toBe(200);
    const denied = await api.get('/cover-templates', reader, json(LETTERHEAD));
    expect(denied.status).toBe(403);
    expect(denied.json.detail).toMatch(/needs the covers:write permission/);
    expect((await api.get('/cover-templates', await api.key(['fax:send']))).status).toBe(403);
    expect(await templateCount(api)).toBe(1);
  });

  it('refuses every bad body with a sentence, and saves nothing', async () => {
    api = await startApi();
    const key = await api.key(['covers:read', 'covers:write']);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>').toString('base64');
    const png = logoPng();
    const cases: [unknown, number, RegExp][] = [
      [{ ...LETTERHEAD, name: '' }, 400, /name: give the template a name, such as Letterhead/],
      [{ ...LETTERHEAD, layout: 'fancy' }, 400, /layout/],
      [
        { ...LETTERHEAD, color: 'red' },
        400,
        /"color", which this endpoint does not take: send name, layout, practice, notice, fields and logo/,
      ],
      [{ ...LETTERHEAD, practice: { name: 'x'.repeat(121) } }, 400, /The practice name can be at most 120 characters/],
      [{ ...LETTERHEAD, notice: 'n'.repeat(2001) }, 400, /the notice can be at most 2000 characters/],
      [{ ...LETTERHEAD, fields: { notes: 'no' } }, 400, /fields\.notes/],
      [
        { ...LETTERHEAD, logo: { content_base64: svg, file_name: 'logo.svg' } },
        415,
        /^logo\.svg is an SVG drawing, not a picture Faxbot can put on a cover page/,
      ],
      [
        { ...LETTERHEAD, logo: { content_base64: png.subarray(0, png.length - 30).toString('base64'), file_name: 'cut.png' } },
        415,
        /^cut\.png is a damaged PNG picture Faxbot cannot read/,
      ],
      [
        { ...LETTERHEAD, logo: { content_base64: Buffer.concat([png, Buffer.alloc(2_100_000)]).toString('base64'), file_name: 'big.png' } },
        413,
        /^big\.png is 2\.003 MB, more than the 2 MB a logo can be/,
      ],
      [{ ...LETTERHEAD, logo: { content_base64: 'not base64!' } }, 400, /base64/],
    ];
    for (const [body, status, detail] of cases) {
      const reply = await api.get('/cover-templates', key, json(body));
      expect(reply.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(reply.json.detail).toMatch(detail);
    }
    const notJson = await api.get('/cover-templates', key, { method: 'POST', body: 'name=Letterhead' });
    expect(notJson).toMatchObject({ status: 400, json: { code: 'invalid_input' } });
    expect(await templateCount(api)).toBe(1);

    await api.get('/cover-templates', key, json({ ...LETTERHEAD, logo: null }));
    const taken = await api.get('/cover-templates', key, json({ ...LETTERHEAD, name: 'LETTERHEAD', logo: null }));
    expect(taken).toMatchObject({
      status: 400,
      json: { detail: 'There is already a template named “Letterhead”: give this one another name.' },
    });
    const plain = await api.get('/cover-templates/plain', key, json({ name: 'Mine' }, 'PUT'));
    expect(plain).toMatchObject({ status: 409, json: { code: 'wrong_state' } });
    expect((await api.get('/cover-templates/plain', key, { method: 'DELETE' })).status).toBe(409);
    expect(await templateCount(api)).toBe(2);
  });

  it('lists the endpoints in /openapi.json with their scopes and schemas', async () => {
    api = await startApi();
    const doc = (await api.get('/openapi.json')).json;
    expect(doc.paths['/cover-templates'].get.security).toEqual([{ ApiKey: ['covers:read'] }]);
    expect(doc.paths['/cover-templates'].post.security).toEqual([{ ApiKey: ['covers:write'] }]);
    expect(doc.paths['/cover-templates/{id}'].put.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/CoverTemplateInput',
    );
    expect(doc.components.schemas.CoverTemplate.properties.layout.enum).toEqual(['plain', 'letterhead', 'confidential']);
    expect(Object.keys(doc.paths['/fax'].post.requestBody.content['multipart/form-data'].schema.properties)).toContain('cover_template_id');
  });
});

describe('POST /fax with a cover page template', () => {
  const faxForm = (fields: Record<string, string>) => async () => {
    const form = new FormData();
    form.append('to', DELIVERS);
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([Buffer.from(await makeTestPdf(1))], { type: 'application/pdf' }), 'chart.pdf');
    return { method: 'POST', body: form };
  };

  it('puts the chosen template on the cover: the sent PDF has the letterhead, the logo and the subject', async () => {
    api = await startApi();
    const key = await api.key(['fax:send', 'fax:read', 'covers:write']);
    const { id } = (await api.get('/cover-templates', key, json(LETTERHEAD))).json;
    const sent = await api.get('/fax', key, await faxForm({ cover_template_id: id, cover_subject: 'Referral for Jane Roe' })());
    expect(sent.status).toBe(202);
    expect(sent.json.pages).toBe(2);
    const pdf = new Uint8Array((await api.get(`/fax/${sent.json.id}/pdf`, key)).json as ArrayBuffer);
    const text = pdftotext(pdf);
    expect(text).toContain('Riverside Family Clinic');
    expect(text).toContain('Referral for Jane Roe');
    expect(pdfImages(pdf)).toEqual([{ width: 300, height: 120 }]);
  });

  it("uses the contact's default with cover=true, and adds no cover without a cover field (as Faxbot's clients expect)", async () => {
    api = await startApi();
    const key = await api.key(['fax:send', 'fax:read', 'covers:write', 'contacts:write']);
    const { id } = (await api.get('/cover-templates', key, json({ ...LETTERHEAD, logo: null }))).json;
    expect((await api.get('/contacts', key, json({ name: 'Dr. Amy Lee', fax: DELIVERS, cover_template_id: id }))).status).toBe(201);
    const withCover = await api.get('/fax', key, await faxForm({ cover: 'true' })());
    expect(withCover.json.pages).toBe(2);
    expect(pdftotext(new Uint8Array((await api.get(`/fax/${withCover.json.id}/pdf`, key)).json))).toContain('Riverside Family Clinic');
    const without = await api.get('/fax', key, await faxForm({})());
    expect(without.json.pages).toBe(1);
  });

  it('refuses an unknown template id with 404 and bad cover fields with 400, queueing nothing', async () => {
    api = await startApi();
    const key = await api.key(['fax:send']);
    const before = await api.snapshot();
    const unknown = await api.get('/fax', key, await faxForm({ cover_template_id: 'gone' })());
    expect(unknown).toMatchObject({
      status: 404,
      json: {
        code: 'not_found',
        detail: 'There is no cover page template gone: it may have been deleted. Choose another template for the cover page.',
      },
    });
    const flag = await api.get('/fax', key, await faxForm({ cover: 'yes' })());
    expect(flag).toMatchObject({ status: 400, json: { detail: 'cover is true or false, not "yes".' } });
    const both = await api.get('/fax', key, await faxForm({ cover: 'false', cover_subject: 'Hi' })());
    expect(both.status).toBe(400);
    const longSubject = await api.get('/fax', key, await faxForm({ cover_subject: 's'.repeat(201) })());
    expect(longSubject.status).toBe(400);
    expect(await api.snapshot()).toEqual(before);
  });
});
