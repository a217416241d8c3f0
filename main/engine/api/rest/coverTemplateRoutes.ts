// /cover-templates: the office's cover page templates for other programs (an EHR setting up
// its letterhead, a script keeping several desks alike). Every path goes through the same
// operations as Settings → Cover pages, so the API refuses what the window refuses, in the
// same words; the logo travels as base64 in the JSON body and is never answered back.
import { z } from 'zod';
import type { CoverTemplate } from '../../../../shared/coverTemplates';
import { COVER_LAYOUTS } from '../../../../shared/coverTemplates';
import { FaxError } from '../../../../shared/errors';
import { callOperation } from '../../rpc';
import type { ApiEndpoint } from './endpoint';
import { ID_PATTERN } from './endpoint';
import { sendJson, type ApiCall } from './http';
import { parseJsonBody, readJsonObject } from './jsonBody';

// A 2 MB logo as base64 and the rest of the template.
const MAX_BODY_BYTES = 3 * 1024 * 1024;
const EXAMPLE = '{"name": "Letterhead", "layout": "letterhead", "practice": {"name": "Riverside Family Clinic"}}';
const TAKES = 'name, layout, practice, notice, fields and logo';

const templateBody = z.strictObject({
  name: z.string().optional(),
  layout: z.string().optional(),
  practice: z.record(z.string(), z.unknown()).optional(),
  notice: z.string().optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
  logo: z.union([z.null(), z.strictObject({ content_base64: z.string(), file_name: z.string().optional() })]).optional(),
});
type TemplateBody = z.output<typeof templateBody>;

export function coverTemplateJson(template: CoverTemplate) {
  return {
    id: template.id,
    name: template.name,
    layout: template.layout,
    practice: template.practice,
    notice: template.notice,
    fields: template.fields,
    logo: template.logo,
    builtin: template.builtin,
    contacts: template.contacts,
    created_at: template.createdAt,
    updated_at: template.updatedAt,
  };
}

function templateId(call: ApiCall): string {
  const id = call.params.id;
  if (!ID_PATTERN.test(id))
    throw new FaxError('not_found', 'There is no cover page template with that id: use an id from GET /cover-templates.');
  return id;
}

async function bodyOf(call: ApiCall): Promise<TemplateBody> {
  return parseJsonBody(templateBody, await readJsonObject(call.request, MAX_BODY_BYTES, EXAMPLE), TAKES);
}

/** The body in the operation's words; `base` fills what PUT leaves out (the logo is kept unless given). */
function saveInput(body: TemplateBody, base?: CoverTemplate) {
  return {
    ...(base ? { id: base.id } : {}),
    name: body.name ?? base?.name,
    layout: body.layout ?? base?.layout,
    practice: body.practice ? { ...base?.practice, ...body.practice } : base?.practice,
    notice: body.notice ?? base?.notice,
    fields: body.fields ? { ...base?.fields, ...body.fields } : base?.fields,
    logo:
      body.logo === undefined ? 'keep' : body.logo && { fileName: body.logo.file_name ?? 'logo', contentBase64: body.logo.content_base64 },
  };
}

const templateResponse = { description: 'The template.', body: 'CoverTemplate' };
const notFound = { description: 'No template has that id.', body: 'Error' };
const badTemplate = {
  description:
    'The body is not JSON, a field is not usable (per-field messages in `fields`), the name is empty or taken, or the logo is not a PNG or JPEG (an SVG, a damaged picture).',
  body: 'Error',
};
const templateRequest = {
  required: true,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/CoverTemplateInput' } } },
};

export const coverTemplateEndpoints: ApiEndpoint[] = [
  {
    method: 'GET',
    path: '/cover-templates',
    operationId: 'listCoverTemplates',
    summary: 'List cover page templates',
    description: 'The built-in plain cover first (`builtin`: true, id `plain`), then the office’s own by name.',
    scope: 'covers:read',
    responses: { 200: { description: 'Every template.', body: 'CoverTemplateList' } },
    async handle(call) {
      const { items } = await callOperation(call.engine, 'listCoverTemplates', {});
      sendJson(call.response, 200, { items: items.map(coverTemplateJson) });
    },
  },
  {
    method: 'POST',
    path: '/cover-templates',
    operationId: 'createCoverTemplate',
    summary: 'Add a cover page template',
    description: `\`layout\` is ${COVER_LAYOUTS.join(', ')}. \`logo\` (letterhead) is {"content_base64": "…", "file_name": "logo.png"}: a PNG or JPEG of at most 2 MB, checked whole and stored sealed.`,
    scope: 'covers:write',
    requestBody: templateRequest,
    responses: {
      201: templateResponse,
      400: badTemplate,
      413: { description: 'The logo is larger than 2 MB.', body: 'Error' },
      415: badTemplate,
    },
    async handle(call) {
      const saved = await callOperation(call.engine, 'saveCoverTemplate', saveInput(await bodyOf(call)));
      sendJson(call.response, 201, coverTemplateJson(saved));
    },
  },
  {
    method: 'GET',
    path: '/cover-templates/{id}',
    operationId: 'getCoverTemplate',
    summary: 'One cover page template',
    scope: 'covers:read',
    responses: { 200: templateResponse, 404: notFound },
    async handle(call) {
      sendJson(call.response, 200, coverTemplateJson(await callOperation(call.engine, 'getCoverTemplate', { id: templateId(call) })));
    },
  },
  {
    method: 'PUT',
    path: '/cover-templates/{id}',
    operationId: 'updateCoverTemplate',
    summary: 'Change a cover page template',
    description:
      'The fields given replace the stored ones (within `practice` and `fields`, key by key); the others are kept. `logo` left out keeps the logo, null removes it.',
    scope: 'covers:write',
    requestBody: templateRequest,
    responses: {
      200: templateResponse,
      400: badTemplate,
      404: notFound,
      409: { description: 'The plain cover is built in and cannot be changed.', body: 'Error' },
      413: { description: 'The logo is larger than 2 MB.', body: 'Error' },
      415: badTemplate,
    },
    async handle(call) {
      const current = await callOperation(call.engine, 'getCoverTemplate', { id: templateId(call) });
      const saved = await callOperation(call.engine, 'saveCoverTemplate', saveInput(await bodyOf(call), current));
      sendJson(call.response, 200, coverTemplateJson(saved));
    },
  },
  {
    method: 'DELETE',
    path: '/cover-templates/{id}',
    operationId: 'deleteCoverTemplate',
    summary: 'Delete a cover page template',
    description:
      'Contacts that had it as their default get the plain cover from then on; `contacts` says how many, `detail` says so in words.',
    scope: 'covers:write',
    responses: {
      200: { description: 'Deleted.', body: 'CoverTemplateDeleted' },
      404: notFound,
      409: { description: 'The plain cover is built in and cannot be deleted.', body: 'Error' },
    },
    async handle(call) {
      const deleted = await callOperation(call.engine, 'deleteCoverTemplate', { id: templateId(call) });
      sendJson(call.response, 200, { id: deleted.id, contacts: deleted.contacts, detail: deleted.message });
    },
  },
  {
    method: 'GET',
    path: '/cover-templates/{id}/preview',
    operationId: 'previewCoverTemplate',
    summary: 'The template drawn as a cover page with sample details',
    scope: 'covers:read',
    responses: { 200: { description: 'A one-page PDF.', body: 'pdf' }, 404: notFound },
    async handle(call) {
      const template = await callOperation(call.engine, 'getCoverTemplate', { id: templateId(call) });
      const { id, name, layout, practice, notice, fields } = template;
      const { pdfBase64 } = await callOperation(call.engine, 'previewCoverTemplate', {
        template: { id, name, layout, practice, notice, fields, logo: 'keep' },
      });
      const pdf = Buffer.from(pdfBase64, 'base64');
      call.response.writeHead(200, {
        'Content-Type': 'application/pdf',
        'Content-Length': String(pdf.length),
        'Content-Disposition': `inline; filename="cover-${template.id}.pdf"`,
        'Cache-Control': 'no-store',
      });
      call.response.end(pdf);
    },
  },
];
