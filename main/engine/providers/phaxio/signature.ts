// X-Phaxio-Signature exactly as Phaxio computes it (contract §7.2): HMAC-SHA1 with the
// webhook token over the URL as registered, the sorted fields (name + value) and the sorted
// file parts (name + SHA-1 hex of the bytes). The original Faxbot used SHA-256 of the raw
// body keyed with the API secret, which rejects every genuine callback.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface SignedForm {
  fields: readonly { name: string; value: string }[];
  files: readonly { name: string; data: Uint8Array }[];
}

/** Byte-order sort by name (the ruby SDK's plain string sort); equal names keep arrival order. */
function byName<T extends { name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => Buffer.compare(Buffer.from(a.name, 'utf8'), Buffer.from(b.name, 'utf8')));
}

export function phaxioSignedString(url: string, form: SignedForm): string {
  let text = url;
  for (const field of byName(form.fields)) text += field.name + field.value;
  for (const file of byName(form.files)) text += file.name + createHash('sha1').update(file.data).digest('hex');
  return text;
}

export function phaxioSignature(token: string, url: string, form: SignedForm): string {
  return createHmac('sha1', token).update(phaxioSignedString(url, form), 'utf8').digest('hex');
}

/** False for a missing token or header, or any mismatch; compared in constant time. */
export function verifyPhaxioSignature(token: string | undefined, url: string, form: SignedForm, header: string | undefined): boolean {
  if (!token || !header) return false;
  const expected = Buffer.from(phaxioSignature(token, url, form), 'utf8');
  const given = Buffer.from(header.trim().toLowerCase(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
