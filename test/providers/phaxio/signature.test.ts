import { describe, expect, it } from 'vitest';
import { phaxioSignature, phaxioSignedString, verifyPhaxioSignature } from '../../../main/engine/providers/phaxio';

const TOKEN = 'test-webhook-token';
const URL2 = 'https://fax.example.test/webhooks/phaxio?job=J-42';
const FIELDS2 = [
  { name: 'fax', value: '{"id":1234,"status":"success"}' },
  { name: 'event_type', value: 'fax_completed' },
];
const PDF3 = Buffer.from('%PDF-1.4\n%fake\n', 'latin1');

describe('X-Phaxio-Signature (contract §7.2)', () => {
  it('matches vector 1, the ruby SDK spec', () => {
    expect(phaxioSignature(TOKEN, 'example.com', { fields: [{ name: 'test', value: 'true' }], files: [] })).toBe(
      '64a735ef0c47a0ae671e381c046648f0966deb29',
    );
  });

  it('matches vector 2: fields sorted by name, URL with its query string', () => {
    expect(phaxioSignature(TOKEN, URL2, { fields: FIELDS2, files: [] })).toBe('0c6ab17bb766b3be3b80e361793b3d369071d98e');
  });

  it('matches vector 3: the file part signed by its SHA-1', () => {
    expect(PDF3.length).toBe(15);
    const form = { fields: FIELDS2, files: [{ name: 'file', data: PDF3 }] };
    expect(phaxioSignedString(URL2, form)).toBe(
      'https://fax.example.test/webhooks/phaxio?job=J-42event_typefax_completedfax{"id":1234,"status":"success"}file7f7d5404ced26d8a4177db1ee44a89a11a610941',
    );
    expect(phaxioSignature(TOKEN, URL2, form)).toBe('3d0649e290d338b32d92c0b6fa056221eada3559');
  });

  const form3 = { fields: FIELDS2, files: [{ name: 'file', data: PDF3 }] };
  const good = '3d0649e290d338b32d92c0b6fa056221eada3559';

  it('accepts the genuine signature, in either hex case', () => {
    expect(verifyPhaxioSignature(TOKEN, URL2, form3, good)).toBe(true);
    expect(verifyPhaxioSignature(TOKEN, URL2, form3, good.toUpperCase())).toBe(true);
  });

  it('refuses a forged signature, a missing header and a missing token', () => {
    expect(verifyPhaxioSignature(TOKEN, URL2, form3, good.replace(/.$/, '0'))).toBe(false);
    expect(verifyPhaxioSignature(TOKEN, URL2, form3, 'not-hex')).toBe(false);
    expect(verifyPhaxioSignature(TOKEN, URL2, form3, '')).toBe(false);
    expect(verifyPhaxioSignature(TOKEN, URL2, form3, undefined)).toBe(false);
    expect(verifyPhaxioSignature(undefined, URL2, form3, good)).toBe(false);
    expect(verifyPhaxioSignature('', URL2, form3, good)).toBe(false);
    expect(verifyPhaxioSignature('another-token', URL2, form3, good)).toBe(false);
  });

  it('refuses a signature over a different URL (the loopback URL the listener saw)', () => {
    expect(verifyPhaxioSignature(TOKEN, 'http://127.0.0.1:8081/webhooks/phaxio?job=J-42', form3, good)).toBe(false);
    expect(verifyPhaxioSignature(TOKEN, URL2 + '&', form3, good)).toBe(false);
    expect(verifyPhaxioSignature(TOKEN, URL2.replace('?job=J-42', ''), form3, good)).toBe(false);
  });

  it('refuses a body changed in a field, an extra field, or a different file', () => {
    const changedField = { ...form3, fields: [FIELDS2[0]!, { name: 'event_type', value: 'transmitting_page' }] };
    const extraField = { ...form3, fields: [...FIELDS2, { name: 'page', value: '1' }] };
    const otherFile = { ...form3, files: [{ name: 'file', data: Buffer.from('%PDF-1.4\n%fakf\n') }] };
    for (const form of [changedField, extraField, otherFile]) expect(verifyPhaxioSignature(TOKEN, URL2, form, good)).toBe(false);
  });
});
