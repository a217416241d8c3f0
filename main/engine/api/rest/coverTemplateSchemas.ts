// The cover template endpoints' bodies, for /openapi.json (components.schemas).
import { COVER_LAYOUTS, COVER_TEMPLATE_LIMITS } from '../../../../shared/coverTemplates';

const text = { type: 'string' };
const time = { type: ['string', 'null'], format: 'date-time' };
const flag = { type: 'boolean', default: true };
const practiceLine = { type: 'string', maxLength: COVER_TEMPLATE_LIMITS.practiceLine };

const practice = {
  type: 'object',
  description: 'The letterhead: the practice’s name, address (up to three lines) and numbers.',
  properties: {
    name: { type: 'string', maxLength: COVER_TEMPLATE_LIMITS.practiceName },
    address: { type: 'string', maxLength: COVER_TEMPLATE_LIMITS.address },
    phone: practiceLine,
    fax: practiceLine,
    email: practiceLine,
  },
};
const fields = {
  type: 'object',
  description: 'Which fields the cover shows (all by default).',
  properties: { recipient: flag, sender: flag, date: flag, pages: flag, subject: flag, notes: flag },
};

export const COVER_TEMPLATE_SCHEMAS = {
  CoverTemplate: {
    type: 'object',
    required: ['id', 'name', 'layout', 'builtin'],
    properties: {
      id: text,
      name: text,
      layout: { type: 'string', enum: [...COVER_LAYOUTS] },
      practice,
      notice: { type: 'string', description: 'The notice printed on the cover; empty uses the one in Settings → General.' },
      fields,
      logo: {
        type: ['object', 'null'],
        description: 'The stored logo’s size (the picture itself is never answered).',
        properties: { width: { type: 'integer' }, height: { type: 'integer' }, bytes: { type: 'integer' } },
      },
      builtin: { type: 'boolean', description: 'The plain cover (id `plain`): cannot be changed or deleted.' },
      contacts: { type: 'integer', description: 'Contacts whose default cover page this is.' },
      created_at: time,
      updated_at: time,
    },
  },
  CoverTemplateInput: {
    type: 'object',
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1, maxLength: COVER_TEMPLATE_LIMITS.name },
      layout: { type: 'string', enum: [...COVER_LAYOUTS] },
      practice,
      notice: { type: 'string', maxLength: COVER_TEMPLATE_LIMITS.notice },
      fields,
      logo: {
        type: ['object', 'null'],
        description: 'A PNG or JPEG of at most 2 MB (SVG is refused), as base64; null removes the logo; left out keeps it.',
        required: ['content_base64'],
        properties: { content_base64: { type: 'string', contentEncoding: 'base64' }, file_name: text },
      },
    },
  },
  CoverTemplateList: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/CoverTemplate' } } } },
  CoverTemplateDeleted: { type: 'object', properties: { id: text, contacts: { type: 'integer' }, detail: text } },
};
