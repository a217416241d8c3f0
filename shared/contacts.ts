// The address book as it crosses the boundary: a contact, a group (distribution list), what
// an import would do (preview) and did, duplicates by number. Fax numbers are E.164 here;
// the window shows them nationally (formatFaxNumber).
import { z } from 'zod';
import { id, isoTime } from './model';

export const CONTACT_LIMITS = {
  name: 200,
  organization: 200,
  email: 254,
  notes: 2000,
  groupName: 100,
} as const;

/** The most contacts one file may hold: past it the file is refused whole, before any row is checked. */
export const CONTACT_IMPORT_MAX_ROWS = 50_000;
/** The most bad rows an import answer lists one by one (the count is always whole). */
export const CONTACT_IMPORT_LISTED_PROBLEMS = 200;

export const CONTACT_FIELDS = ['name', 'organization', 'fax', 'phone', 'email', 'notes'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

/** The text fields of a contact, as typed, read from a file or stored. */
export interface ContactText {
  name: string;
  organization: string;
  fax: string;
  phone: string;
  email: string;
  notes: string;
}

export const contact = z.object({
  id,
  name: z.string(),
  organization: z.string(),
  /** E.164. */
  fax: z.string(),
  /** E.164, or '' when none. */
  phone: z.string(),
  email: z.string(),
  notes: z.string(),
  /** The contact's default cover page template (null: the plain one); one deleted since falls back to plain. */
  coverTemplateId: z.string().nullable(),
  groupIds: z.array(id),
  createdAt: isoTime,
  updatedAt: isoTime,
  /** When a fax last went to this number, from the Outbox; null when never. */
  lastFaxedAt: isoTime.nullable(),
});
export type Contact = z.infer<typeof contact>;

const text = (max: number, what: string) =>
  z
    .string()
    .max(max, `${what} can be at most ${max} characters`)
    .transform((value) => value.trim());

/** What a person types in the contact form; the fax number is checked and normalized by the engine. */
export const contactInput = z.strictObject({
  /** Absent to add a contact; an id to change that one. */
  id: id.optional(),
  name: text(CONTACT_LIMITS.name, 'A name').default(''),
  organization: text(CONTACT_LIMITS.organization, 'An organization').default(''),
  fax: z.string().max(64, 'A fax number is at most 64 characters').default(''),
  phone: z.string().max(64, 'A phone number is at most 64 characters').default(''),
  email: text(CONTACT_LIMITS.email, 'An email address').default(''),
  notes: text(CONTACT_LIMITS.notes, 'Notes').default(''),
  coverTemplateId: z.string().max(64).nullable().default(null),
  /** The groups the contact is in; absent keeps them as they are. */
  groupIds: z.array(id).max(200).optional(),
});
export type ContactInput = z.input<typeof contactInput>;

/** Fields chosen for the contact kept by a merge: only those given change. */
export const mergedContactFields = z.strictObject({
  name: text(CONTACT_LIMITS.name, 'A name').optional(),
  organization: text(CONTACT_LIMITS.organization, 'An organization').optional(),
  phone: z.string().max(64, 'A phone number is at most 64 characters').optional(),
  email: text(CONTACT_LIMITS.email, 'An email address').optional(),
  notes: text(CONTACT_LIMITS.notes, 'Notes').optional(),
  coverTemplateId: z.string().max(64).nullable().optional(),
});

export const contactGroupMember = z.object({
  contactId: id,
  name: z.string(),
  organization: z.string(),
  fax: z.string(),
  /** Why a fax to this member would be refused, in words; null when it can be sent. */
  problem: z.string().nullable(),
});
export type ContactGroupMember = z.infer<typeof contactGroupMember>;

export const contactGroup = z.object({
  id,
  name: z.string(),
  members: z.number().int().min(0),
  /** Members whose fax would be refused (an invalid number). */
  problems: z.number().int().min(0),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type ContactGroup = z.infer<typeof contactGroup>;

export const contactGroupDetail = contactGroup.extend({ memberList: z.array(contactGroupMember) });
export type ContactGroupDetail = z.infer<typeof contactGroupDetail>;

export const IMPORT_FORMATS = ['csv', 'vcard'] as const;
/** The CSV layouts recognised by their header: Outlook's and Google's exports, ours, a plain name,number file. */
export const CSV_LAYOUTS = ['outlook', 'google', 'faxbot', 'plain', 'other'] as const;

/** Which column (0-based) fills each field; name may join several (first, middle, last). null: none. */
export const columnMapping = z.strictObject({
  name: z.array(z.number().int().min(0).max(999)).max(5).default([]),
  organization: z.number().int().min(0).max(999).nullable().default(null),
  fax: z.number().int().min(0).max(999).nullable().default(null),
  phone: z.number().int().min(0).max(999).nullable().default(null),
  email: z.number().int().min(0).max(999).nullable().default(null),
  notes: z.number().int().min(0).max(999).nullable().default(null),
});
export type ColumnMapping = z.output<typeof columnMapping>;

export const IMPORT_DUPLICATE_CHOICES = ['skip', 'merge', 'add'] as const;
export type ImportDuplicateChoice = (typeof IMPORT_DUPLICATE_CHOICES)[number];

/** A file to import: its name (for the format and messages), its bytes, and the mapping (CSV). */
export const contactImportFile = z.object({
  fileName: z.string().min(1).max(255),
  contentBase64: z
    .string()
    .max(200 * 1024 * 1024)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 text'),
  /** CSV only: which column fills which field; absent uses the one the header suggests. */
  mapping: columnMapping.optional(),
});

export const importRowProblem = z.object({
  /** The line of the file (CSV) or where the card begins (vCard), from 1. */
  line: z.number().int().min(1),
  reason: z.string(),
});
export type ImportRowProblem = z.infer<typeof importRowProblem>;

export const importPreviewRow = z.object({
  line: z.number().int().min(1),
  name: z.string(),
  organization: z.string(),
  /** E.164 when the number is good; as written otherwise. */
  fax: z.string(),
  phone: z.string(),
  email: z.string(),
  /** Why this row would not be imported; null when it would. */
  problem: z.string().nullable(),
  /** The contact already holding this fax number, when there is one. */
  duplicateOf: z.object({ id, name: z.string() }).nullable(),
});
export type ImportPreviewRow = z.infer<typeof importPreviewRow>;

export const contactImportPreview = z.object({
  format: z.enum(IMPORT_FORMATS),
  layout: z.enum([...CSV_LAYOUTS, 'vcard']),
  /** The CSV header (or column 1, 2, … when the file has none); [] for vCard. */
  columns: z.array(z.string()),
  mapping: columnMapping.nullable(),
  /** The first rows, as they would be imported. */
  rows: z.array(importPreviewRow),
  /** Rows (or cards) with something in them. */
  total: z.number().int().min(0),
  /** Rows that would be imported as they are. */
  valid: z.number().int().min(0),
  /** Rows that cannot be imported, with the reason (the first CONTACT_IMPORT_LISTED_PROBLEMS). */
  problems: z.array(importRowProblem),
  problemCount: z.number().int().min(0),
  /** Good rows whose number an existing contact already has. */
  duplicates: z.number().int().min(0),
  /** Blank rows, ignored. */
  emptyRows: z.number().int().min(0),
});
export type ContactImportPreview = z.infer<typeof contactImportPreview>;

export const contactImportResult = z.object({
  imported: z.number().int().min(0),
  /** Good rows matching an existing contact whose empty fields were filled in. */
  merged: z.number().int().min(0),
  /** Bad rows and duplicates left out, as the person chose. */
  skipped: z.number().int().min(0),
  problems: z.array(importRowProblem),
  /** The group the imported contacts were put in, when one was asked for. */
  groupId: id.nullable(),
});
export type ContactImportResult = z.infer<typeof contactImportResult>;

export const duplicateContacts = z.object({ fax: z.string(), contacts: z.array(contact).min(2) });
export type DuplicateContacts = z.infer<typeof duplicateContacts>;

export const CONTACT_EXPORT_FORMATS = ['csv', 'vcard'] as const;
