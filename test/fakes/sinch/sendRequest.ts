// POST /faxes as Sinch reads it (contract §2.1): multipart or JSON; refused with 422 and
// `fieldViolations` when a field is wrong.
import { PDFDocument } from 'pdf-lib';
import type { CallbackContentType } from './callbacks';

export interface ParsedSend {
  recipients: string[];
  fax: {
    from?: string;
    pdf?: Uint8Array;
    pages: number;
    labels: Record<string, string>;
    headerText?: string;
    callbackUrl?: string;
    callbackUrlContentType: CallbackContentType;
    documentBroken: boolean;
  };
}
export interface RefusedSend {
  violations: { field: string; description: string }[];
  status: number;
  body: unknown;
}

const E164 = /^\+[1-9]\d{6,14}$/;
const BASE64_TYPES = new Set(['DOCX', 'PDF', 'TIF', 'JPG', 'TXT', 'HTML', 'PNG']);

function refuse(violations: { field: string; description: string }[]): RefusedSend {
  return {
    violations,
    status: 422,
    body: {
      code: '422',
      error: 'Invalid parameters',
      message: violations.map((v) => v.description).join('; '),
      details: { fieldViolations: violations },
    },
  };
}

/** The page count, or null for a file that is not a readable PDF (Sinch fails those later). */
async function pageCount(pdf: Uint8Array): Promise<number | null> {
  try {
    return (await PDFDocument.load(pdf, { ignoreEncryption: true })).getPageCount();
  } catch {
    return null;
  }
}

export async function readSendRequest(contentType: string, body: Buffer): Promise<ParsedSend | RefusedSend> {
  const fields = new Map<string, string[]>();
  const files: { data: Uint8Array; type: string }[] = [];
  const add = (name: string, value: string) => fields.set(name, [...(fields.get(name) ?? []), value]);
  if (contentType.startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
    } catch {
      return {
        violations: [],
        status: 400,
        body: { code: '400', error: 'Bad Request', message: 'The request could not be understood by the server due to malformed syntax.' },
      };
    }
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') add(name, value);
      else if (name === 'file') files.push({ data: new Uint8Array(await value.arrayBuffer()), type: value.type || 'application/pdf' });
    }
  } else if (contentType.startsWith('application/json')) {
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return {
        violations: [],
        status: 400,
        body: { code: '400', error: 'Bad Request', message: 'The request could not be understood by the server due to malformed syntax.' },
      };
    }
    for (const [name, value] of Object.entries(json)) {
      if (name === 'files' && Array.isArray(value)) {
        for (const item of value as { file?: unknown; fileType?: unknown }[]) {
          if (typeof item?.file !== 'string' || !BASE64_TYPES.has(String(item.fileType)))
            return refuse([
              { field: 'files', description: 'Each file needs base64 "file" and a "fileType" of DOCX, PDF, TIF, JPG, TXT, HTML or PNG' },
            ]);
          files.push({
            data: new Uint8Array(Buffer.from(item.file, 'base64')),
            type: item.fileType === 'PDF' ? 'application/pdf' : String(item.fileType),
          });
        }
      } else if (name === 'labels' && value && typeof value === 'object') add(name, JSON.stringify(value));
      else if (Array.isArray(value)) for (const v of value) add(name, String(v));
      else if (value !== null && value !== undefined) add(name, String(value));
    }
  } else {
    return {
      violations: [],
      status: 400,
      body: { code: '400', error: 'Bad Request', message: 'The request could not be understood by the server due to malformed syntax.' },
    };
  }

  const violations: { field: string; description: string }[] = [];
  const recipients = (fields.get('to') ?? [])
    .flatMap((v) => v.split(';'))
    .map((v) => v.trim())
    .filter(Boolean);
  if (recipients.length === 0) violations.push({ field: 'to', description: 'The to field is required' });
  for (const to of recipients) if (!E164.test(to)) violations.push({ field: 'to', description: `The (${to}) is not a valid phone number` });
  const one = (name: string) => fields.get(name)?.[0];
  if (files.length === 0 && !one('contentUrl'))
    violations.push({ field: 'file', description: 'At least one file or contentUrl is required' });
  for (const file of files)
    if (file.type !== 'application/pdf') violations.push({ field: 'file', description: `Unsupported file type ${file.type}` });
  const headerText = one('headerText');
  if (headerText && headerText.length > 50)
    violations.push({ field: 'headerText', description: 'headerText must be at most 50 characters' });
  let labels: Record<string, string> = {};
  const labelText = one('labels');
  if (labelText) {
    try {
      labels = JSON.parse(labelText) as Record<string, string>;
      if (!labels || typeof labels !== 'object' || Array.isArray(labels)) throw new Error('not an object');
    } catch {
      violations.push({ field: 'labels', description: 'labels must be an object of strings' });
    }
  }
  const callbackUrl = one('callbackUrl');
  if (callbackUrl && !URL.canParse(callbackUrl)) violations.push({ field: 'callbackUrl', description: 'callbackUrl is not a valid URL' });
  const callbackType = one('callbackUrlContentType') ?? one('callbackContentType') ?? 'multipart/form-data';
  if (callbackType !== 'multipart/form-data' && callbackType !== 'application/json')
    violations.push({
      field: 'callbackUrlContentType',
      description: 'callbackUrlContentType must be multipart/form-data or application/json',
    });
  if (violations.length) return refuse(violations);

  const pdf = files[0]?.data;
  const counts = await Promise.all(files.map((f) => pageCount(f.data)));
  const documentBroken = counts.some((count) => count === null);
  const pages = counts.reduce<number>((sum, count) => sum + (count ?? 0), 0) || 1;
  return {
    recipients,
    fax: {
      from: one('from'),
      pdf,
      pages,
      labels,
      headerText,
      callbackUrl,
      callbackUrlContentType: callbackType as CallbackContentType,
      documentBroken,
    },
  };
}
