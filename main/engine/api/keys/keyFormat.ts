// The shape of a Faxbot API key and how its secret is kept. Keys look like the original's
// (`fbk_live_<12 hex keyId>_<urlsafe secret>`) so existing clients and log scrapers still
// recognise them; only an scrypt hash of the secret is ever stored.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const PREFIX = 'fbk_live_';
const KEY_PATTERN = /^fbk_live_([0-9a-f]{12})_([A-Za-z0-9_-]{20,128})$/;
// The original's parameters: N=16384, r=8, p=1 (about 50 ms a check on a desktop).
const N = 16384;
const R = 8;
const P = 1;
const HASH_BYTES = 32;

function scrypt(secret: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(secret, salt, HASH_BYTES, options, (error, derived) => (error ? reject(error) : resolve(derived)));
  });
}

export function newKeyId(): string {
  return randomBytes(6).toString('hex');
}

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function formatApiKey(keyId: string, secret: string): string {
  return `${PREFIX}${keyId}_${secret}`;
}

/** The key id and secret of a presented key, or null when it is not shaped like a Faxbot key. */
export function parseApiKey(presented: string): { keyId: string; secret: string } | null {
  const match = KEY_PATTERN.exec(presented);
  return match ? { keyId: match[1], secret: match[2] } : null;
}

/** `scrypt$<salt>$<hash>$n=16384,r=8,p=1`, salt and hash base64url. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(secret, salt, { N, r: R, p: P });
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}$n=${N},r=${R},p=${P}`;
}

/** True when `secret` matches the stored hash; compares in constant time. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, saltText, hashText, paramText] = stored.split('$');
  if (scheme !== 'scrypt' || !saltText || !hashText || !paramText) return false;
  const params = Object.fromEntries(paramText.split(',').map((kv) => kv.split('=')));
  const n = Number(params.n);
  const r = Number(params.r);
  const p = Number(params.p);
  if (![n, r, p].every((v) => Number.isInteger(v) && v > 0)) return false;
  const expected = Buffer.from(hashText, 'base64url');
  const derived = await scrypt(secret, Buffer.from(saltText, 'base64url'), { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 });
  return derived.length === expected.length && timingSafeEqual(derived, expected);
}
