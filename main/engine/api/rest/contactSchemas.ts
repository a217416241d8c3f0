// The contact endpoints' bodies, for /openapi.json (components.schemas).
const text = { type: 'string' };
const time = { type: 'string', format: 'date-time' };
const problem = { type: 'object', properties: { line: { type: 'integer' }, reason: text } };

export const CONTACT_SCHEMAS = {
  Contact: {
    type: 'object',
    required: ['id', 'name', 'organization', 'fax'],
    properties: {
      id: text,
      name: text,
      organization: text,
      fax: { type: 'string', description: 'E.164, e.g. +12025550143.' },
      fax_national: { type: 'string', description: 'The fax number as it is written in the default country.' },
      phone: { type: 'string', description: 'E.164, or empty.' },
      email: text,
      notes: text,
      cover_template_id: {
        type: ['string', 'null'],
        description:
          'The default cover page template for faxes to this contact (GET /cover-templates); null: the plain cover. A template deleted since falls back to plain.',
      },
      group_ids: { type: 'array', items: text },
      created_at: time,
      updated_at: time,
      last_faxed_at: { type: ['string', 'null'], format: 'date-time', description: 'When a fax last went to this number.' },
    },
  },
  ContactInput: {
    type: 'object',
    additionalProperties: false,
    properties: {
      name: { type: 'string', maxLength: 200 },
      organization: { type: 'string', maxLength: 200 },
      fax: { type: 'string', description: 'Any usual form; without + it is read in the default country.' },
      phone: text,
      email: text,
      notes: { type: 'string', maxLength: 2000 },
      cover_template_id: { type: ['string', 'null'] },
      group_ids: { type: 'array', items: text },
    },
  },
  ContactPage: {
    type: 'object',
    required: ['items', 'next_cursor', 'total'],
    properties: {
      items: { type: 'array', items: { $ref: '#/components/schemas/Contact' } },
      next_cursor: { type: ['string', 'null'] },
      total: { type: 'integer' },
    },
  },
  ContactDeleted: { type: 'object', properties: { id: text, undo_until: time } },
  ContactImportResult: {
    type: 'object',
    properties: {
      imported: { type: 'integer' },
      merged: { type: 'integer' },
      skipped: { type: 'integer' },
      problems: { type: 'array', items: problem, description: 'The rows left out, each with its reason (the first 200).' },
      group_id: { type: ['string', 'null'] },
    },
  },
};
