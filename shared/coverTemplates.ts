// Cover page templates as they cross the boundary: the built-in plain cover, and the ones an
// office makes in Settings → Cover pages (a letterhead with its logo and practice details, a
// confidentiality notice). The logo itself never crosses: only its size, and a new one as base64.
import { z } from 'zod';
import { id, isoTime } from './model';

export const COVER_LAYOUTS = ['plain', 'letterhead', 'confidential'] as const;
export type CoverLayout = (typeof COVER_LAYOUTS)[number];

export const COVER_LAYOUT_WORDS: Record<CoverLayout, string> = {
  plain: 'Plain',
  letterhead: 'Letterhead with logo',
  confidential: 'Confidentiality notice',
};

/** The fields a template may show or leave off. */
export const COVER_FIELDS = ['recipient', 'sender', 'date', 'pages', 'subject', 'notes'] as const;
export type CoverField = (typeof COVER_FIELDS)[number];

/** The built-in cover (today's plain one): always there, never changed or deleted. */
export const PLAIN_TEMPLATE_ID = 'plain';

export const COVER_TEMPLATE_LIMITS = {
  name: 80,
  practiceName: 120,
  practiceLine: 120,
  address: 300,
  notice: 2000,
  /** The logo file as given. */
  logoBytes: 2 * 1024 * 1024,
  /** Either side of the logo, in pixels, before it is scaled down for the page. */
  logoSide: 4000,
} as const;

const line = (max: number, what: string) =>
  z
    .string()
    .max(max, `${what} can be at most ${max} characters`)
    .transform((value) => value.trim());

export const coverPractice = z.strictObject({
  name: line(COVER_TEMPLATE_LIMITS.practiceName, 'The practice name').default(''),
  /** One to three lines. */
  address: z
    .string()
    .max(COVER_TEMPLATE_LIMITS.address, `The address can be at most ${COVER_TEMPLATE_LIMITS.address} characters`)
    .transform((value) => value.replace(/\r\n?/g, '\n').trim())
    .default(''),
  phone: line(COVER_TEMPLATE_LIMITS.practiceLine, 'The phone number').default(''),
  fax: line(COVER_TEMPLATE_LIMITS.practiceLine, 'The fax number').default(''),
  email: line(COVER_TEMPLATE_LIMITS.practiceLine, 'The email or web address').default(''),
});
export type CoverPractice = z.output<typeof coverPractice>;

const shown = z.boolean().default(true);
export const coverFields = z.strictObject({
  recipient: shown,
  sender: shown,
  date: shown,
  pages: shown,
  subject: shown,
  notes: shown,
});
export type CoverFields = Record<CoverField, boolean>;
export const ALL_COVER_FIELDS: CoverFields = { recipient: true, sender: true, date: true, pages: true, subject: true, notes: true };

/** A new logo: a PNG or JPEG file, as base64. */
export const coverLogoUpload = z.strictObject({
  fileName: z.string().max(255).default('logo'),
  contentBase64: z
    .string()
    // Far past the limit, so the engine can refuse an oversize logo by name and size in words.
    .max(16 * 1024 * 1024, 'the logo can be at most 2 MB: save it smaller and add it again')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 text'),
});

/** What Settings → Cover pages (or PUT /cover-templates) sends: a whole template. */
export const coverTemplateDraft = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, 'give the template a name, such as Letterhead')
    .max(COVER_TEMPLATE_LIMITS.name, `a template name is at most ${COVER_TEMPLATE_LIMITS.name} characters`),
  layout: z.enum(COVER_LAYOUTS),
  practice: coverPractice.default({ name: '', address: '', phone: '', fax: '', email: '' }),
  /** The notice printed on the cover; '' uses the one in Settings → General. */
  notice: z
    .string()
    .max(COVER_TEMPLATE_LIMITS.notice, `the notice can be at most ${COVER_TEMPLATE_LIMITS.notice} characters`)
    .transform((value) => value.trim())
    .default(''),
  fields: coverFields.default(ALL_COVER_FIELDS),
  /** 'keep': the stored logo (none for a new template); null: no logo; or a new one. */
  logo: z.union([z.literal('keep'), z.null(), coverLogoUpload]).default('keep'),
});
export type CoverTemplateDraft = z.input<typeof coverTemplateDraft>;

export const coverTemplateInput = coverTemplateDraft.extend({
  /** Absent to add a template; an id to change that one. */
  id: id.optional(),
});

export const coverLogoInfo = z.object({
  /** As stored: scaled to fit the letterhead, in pixels. */
  width: z.number().int().min(1),
  height: z.number().int().min(1),
  bytes: z.number().int().min(1),
});

export const coverTemplate = z.object({
  id,
  name: z.string(),
  layout: z.enum(COVER_LAYOUTS),
  practice: z.object({ name: z.string(), address: z.string(), phone: z.string(), fax: z.string(), email: z.string() }),
  notice: z.string(),
  fields: z.object({
    recipient: z.boolean(),
    sender: z.boolean(),
    date: z.boolean(),
    pages: z.boolean(),
    subject: z.boolean(),
    notes: z.boolean(),
  }),
  logo: coverLogoInfo.nullable(),
  /** The plain cover: cannot be changed or deleted. */
  builtin: z.boolean(),
  /** Contacts whose default cover page this is. */
  contacts: z.number().int().min(0),
  createdAt: isoTime.nullable(),
  updatedAt: isoTime.nullable(),
});
export type CoverTemplate = z.infer<typeof coverTemplate>;

/** Which template a cover page used, and why. */
export const coverTemplateChoice = z.object({
  id,
  name: z.string(),
  /** chosen: picked for this fax; contact: the recipient contact's default; plain: nothing chosen, or the contact's was deleted. */
  source: z.enum(['chosen', 'contact', 'plain']),
  /** Something the person should know, in words (the contact's template was deleted); null when nothing. */
  notice: z.string().nullable(),
  /** The recipient contact whose default decided it (or was meant to), when one did. */
  contactName: z.string().nullable(),
});
export type CoverTemplateChoice = z.infer<typeof coverTemplateChoice>;
