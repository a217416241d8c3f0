// /contacts: the address book for other programs (an EHR looking up a referral's fax, a
// script loading a practice list). Every path goes through the same operations as the
// Contacts screen, so the API refuses exactly what the window refuses, in the same words.
import { z } from 'zod';
import type { Contact, ContactImportPreview, ContactImportResult } from '../../../../shared/contacts';
import { IMPORT_DUPLICATE_CHOICES } from '../../../../shared/contacts';
import { FaxError } from '../../../../shared/errors';
import { formatFaxNumber } from '../../../../shared/faxNumber';
import { callOperation } from '../../rpc';
import type { ApiEndpoint } from './endpoint';
import { ID_PATTERN } from './endpoint';
import { refuseUpload } from './faxRoutes';
import { sendJson, type ApiCall } from './http';
import { parseCursor, parseLimit } from './jobJson';
import { parseJsonBody, readJsonObject } from './jsonBody';
import { readMultipartForm } from './multipartForm';

const MAX_BODY_BYTES = 64 * 1024;
const EXAMPLE = '{"name": "Dr. Amy Lee", "organization": "Capitol Cardiology", "fax": "+12025550143"}';
const TAKES = 'name, organization, fax, phone, email, notes, cover_template_id and group_ids';

// The REST body: snake_case, as the rest of the API; the values are checked by saveContact.
const contactBody = z.strictObject({
  name: z.string().optional(),
  organization: z.string().optional(),
  fax: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
  notes: z.string().optional(),
  cover_template_id: z.string().nullable().optional(),
  group_ids: z.array(z.string()).optional(),
});
type ContactBody = z.output<typeof contactBody>;

export function contactJson(contact: Contact, country: string) {
  return {
    id: contact.id,
    name: contact.name,
    organization: contact.organization,
    fax: contact.fax,
    fax_national: formatFaxNumber(contact.fax, country),
    phone: contact.phone,
    email: contact.email,
    notes: contact.notes,
    cover_template_id: contact.coverTemplateId,
    group_ids: contact.groupIds,
    created_at: contact.createdAt,
    updated_at: contact.updatedAt,
    last_faxed_at: contact.lastFaxedAt,
  };
}

function contactId(call: ApiCall): string {
  const id = call.params.id;
  if (!ID_PATTERN.test(id)) throw new FaxError('not_found', 'There is no contact with that id: use an id from GET /contacts.');
  return id;
}

const countryOf = async (call: ApiCall) => (await callOperation(call.engine, 'getSettings', {})).defaultCountry;

async function bodyOf(call: ApiCall): Promise<ContactBody> {
  return parseJsonBody(contactBody, await readJsonObject(call.request, MAX_BODY_BYTES, EXAMPLE), TAKES);
}

/** The body in the operation's words; `base` fills what PUT leaves out. */
function saveInput(body: ContactBody, base?: Contact) {
  return {
    ...(base ? { id: base.id } : {}),
    name: body.name ?? base?.name,
    organization: body.organization ?? base?.organization,
    fax: body.fax ?? base?.fax,
    phone: body.phone ?? base?.phone,
    email: body.email ?? base?.email,
    notes: body.notes ?? base?.notes,
    coverTemplateId: body.cover_template_id === undefined ? (base?.coverTemplateId ?? null) : body.cover_template_id,
    groupIds: body.group_ids,
  };
}

/** "true"/"false" form fields (absent: false). */
function formFlag(value: string | undefined, name: string): boolean {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw new FaxError('invalid_input', `${name} is true or false, not "${value.slice(0, 20)}".`, { field: name });
}

function importJson(result: ContactImportResult) {
  return { imported: result.imported, merged: result.merged, skipped: result.skipped, problems: result.problems, group_id: result.groupId };
}

function previewJson(preview: ContactImportPreview) {
  return {
    format: preview.format,
    layout: preview.layout,
    columns: preview.columns,
    mapping: preview.mapping,
    rows: preview.rows,
    total: preview.total,
    valid: preview.valid,
    problems: preview.problems,
    problem_count: preview.problemCount,
    duplicates: preview.duplicates,
    empty_rows: preview.emptyRows,
  };
}

async function importFile(call: ApiCall): Promise<void> {
  const { engine } = call;
  let form;
  try {
    form = await readMultipartForm(call.request, {
      maxBytes: engine.config.maxFileSizeMb * 1024 * 1024,
      fields: ['skip_invalid', 'duplicates', 'group_id', 'preview'],
      what: 'the contacts file',
    });
  } catch (error) {
    refuseUpload(call, error);
    return;
  }
  const file = { fileName: form.file.fileName, contentBase64: form.file.bytes.toString('base64') };
  if (formFlag(form.fields.preview, 'preview')) {
    sendJson(call.response, 200, previewJson(await callOperation(engine, 'previewContactImport', file)));
    return;
  }
  const duplicates = form.fields.duplicates || 'skip';
  if (!(IMPORT_DUPLICATE_CHOICES as readonly string[]).includes(duplicates))
    throw new FaxError('invalid_input', `duplicates is ${IMPORT_DUPLICATE_CHOICES.join(', ')}, not "${duplicates.slice(0, 20)}".`, {
      field: 'duplicates',
    });
  const result = await callOperation(engine, 'importContacts', {
    ...file,
    skipInvalid: formFlag(form.fields.skip_invalid, 'skip_invalid'),
    duplicates,
    ...(form.fields.group_id ? { groupId: form.fields.group_id } : {}),
  });
  sendJson(call.response, 200, importJson(result));
}

const contactResponse = { description: 'The contact.', body: 'Contact' };
const notFound = { description: 'No contact has that id.', body: 'Error' };
const badContact = {
  description:
    'The body is not JSON, or a field is not usable: the fax number (the reason in `detail`), the email… (per-field messages in `fields`).',
  body: 'Error',
};
const contactRequest = {
  required: true,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ContactInput' } } },
};

export const contactEndpoints: ApiEndpoint[] = [
  {
    method: 'GET',
    path: '/contacts',
    operationId: 'listContacts',
    summary: 'List or search contacts',
    description:
      'By name without `search`; with `search`, ranked: the exact name, then names and numbers starting with it, then words starting with it, then anywhere; among equals, the one faxed most recently first. Letters search name and organization; digits the fax number (national or international).',
    scope: 'contacts:read',
    query: [
      { name: 'search', description: 'Name, organization or digits of the fax number.', schema: { type: 'string', maxLength: 100 } },
      { name: 'group', description: 'Only the members of this group (its id).', schema: { type: 'string' } },
      {
        name: 'limit',
        description: 'Items per page, 1 to 100 (default 50).',
        schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 },
      },
      { name: 'cursor', description: 'The `next_cursor` of the previous page.', schema: { type: 'string' } },
    ],
    responses: {
      200: { description: 'A page of contacts.', body: 'ContactPage' },
      400: { description: 'search, limit or the cursor is not usable.', body: 'Error' },
    },
    async handle(call) {
      const { query } = call;
      const page = await callOperation(call.engine, 'listContacts', {
        search: query.get('search') ?? undefined,
        groupId: query.get('group') || undefined,
        limit: parseLimit(query.get('limit')),
        cursor: parseCursor(query.get('cursor')),
      });
      const country = await countryOf(call);
      sendJson(call.response, 200, {
        items: page.items.map((c) => contactJson(c, country)),
        next_cursor: page.nextCursor,
        total: page.total,
      });
    },
  },
  {
    method: 'POST',
    path: '/contacts',
    operationId: 'createContact',
    summary: 'Add a contact',
    description: 'The fax number may be written any usual way; without + it is read in the default country, and it is stored in E.164.',
    scope: 'contacts:write',
    requestBody: contactRequest,
    responses: { 201: contactResponse, 400: badContact },
    async handle(call) {
      const saved = await callOperation(call.engine, 'saveContact', saveInput(await bodyOf(call)));
      sendJson(call.response, 201, contactJson(saved, await countryOf(call)));
    },
  },
  {
    method: 'GET',
    path: '/contacts/{id}',
    operationId: 'getContact',
    summary: 'One contact',
    scope: 'contacts:read',
    responses: { 200: contactResponse, 404: notFound },
    async handle(call) {
      const contact = await callOperation(call.engine, 'getContact', { id: contactId(call) });
      sendJson(call.response, 200, contactJson(contact, await countryOf(call)));
    },
  },
  {
    method: 'PUT',
    path: '/contacts/{id}',
    operationId: 'updateContact',
    summary: 'Change a contact',
    description: 'The fields given replace the stored ones; fields left out keep their values. `group_ids`, when given, is the whole list.',
    scope: 'contacts:write',
    requestBody: contactRequest,
    responses: { 200: contactResponse, 400: badContact, 404: notFound },
    async handle(call) {
      const current = await callOperation(call.engine, 'getContact', { id: contactId(call) });
      const saved = await callOperation(call.engine, 'saveContact', saveInput(await bodyOf(call), current));
      sendJson(call.response, 200, contactJson(saved, await countryOf(call)));
    },
  },
  {
    method: 'DELETE',
    path: '/contacts/{id}',
    operationId: 'deleteContact',
    summary: 'Delete a contact',
    description: 'The window can undo it until `undo_until`; then it is gone for good.',
    scope: 'contacts:write',
    responses: { 200: { description: 'Deleted, and until when it can be restored.', body: 'ContactDeleted' }, 404: notFound },
    async handle(call) {
      const deleted = await callOperation(call.engine, 'deleteContact', { id: contactId(call) });
      sendJson(call.response, 200, { id: deleted.id, undo_until: deleted.undoUntil });
    },
  },
  {
    method: 'POST',
    path: '/contacts/import',
    operationId: 'importContacts',
    summary: 'Import contacts from a CSV or vCard file',
    description:
      "Multipart form with `file` (CSV: Outlook or Google export, or name,number rows; or vCard 3.0/4.0 with TEL;TYPE=fax), and optional `skip_invalid` (true imports the good rows and skips bad ones; false, the default, refuses the file while any row is bad), `duplicates` (skip, the default: numbers already in the book are left out; merge: they fill the existing contact's empty fields; add) and `group_id`. `preview=true` answers what would be imported, saving nothing. All or nothing: one transaction. At most 50,000 rows and MAX_FILE_SIZE_MB.",
    scope: 'contacts:write',
    requestBody: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['file'],
            properties: {
              file: { type: 'string', format: 'binary' },
              skip_invalid: { type: 'string', enum: ['true', 'false'] },
              duplicates: { type: 'string', enum: [...IMPORT_DUPLICATE_CHOICES] },
              group_id: { type: 'string' },
              preview: { type: 'string', enum: ['true', 'false'] },
            },
          },
        },
      },
    },
    responses: {
      200: { description: 'What was imported (or, with preview=true, would be).', body: 'ContactImportResult' },
      400: { description: 'Bad rows (each with its reason in `detail`), a quote never closed, or a malformed form.', body: 'Error' },
      404: { description: 'group_id names no group.', body: 'Error' },
      413: { description: 'More than 50,000 rows, or larger than MAX_FILE_SIZE_MB.', body: 'Error' },
      415: { description: 'Not multipart/form-data, or not a CSV or vCard file.', body: 'Error' },
    },
    handle: importFile,
  },
];
