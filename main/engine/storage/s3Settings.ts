// The S3 backend's settings, read from the engine's environment (STORAGE_BACKEND=s3). Every
// bad value is refused at start-up with the variable's name and what to put there, so a
// typo never shows up later as a fax that failed to store.
import { FaxError } from '../../../shared/errors';

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface S3Settings {
  bucket: string;
  /** '' or a key prefix ending in '/': objects are `${prefix}${documentId}`. */
  prefix: string;
  region: string;
  /** An S3-compatible store (MinIO, Ceph, R2, …); unset means AWS itself. */
  endpoint?: string;
  /** SSE-KMS with this key when set; SSE-S3 (AES256) otherwise. */
  kmsKeyId?: string;
  /** Explicit credentials; unset means the SDK's default chain (profile, SSO, instance role). */
  credentials?: S3Credentials;
  /** Seal each object with the data key before it leaves this machine (on unless turned off). */
  clientSideEncryption: boolean;
  /** Ask the bucket to encrypt at rest too (x-amz-server-side-encryption). */
  serverSideEncryption: boolean;
  /** Attempts per request, the first included, before a storage error is reported. */
  maxAttempts: number;
  /** First back-off between attempts; doubles each retry (tests use a few milliseconds). */
  retryBaseMs: number;
  /** Giving up on a TCP/TLS connection that does not open. */
  connectTimeoutMs: number;
  /** Giving up on a request whose connection has been silent this long (then it is retried). */
  idleTimeoutMs: number;
  /** Multipart part size: memory per upload is about partSize × queueSize. */
  partSizeBytes: number;
  queueSize: number;
}

export const S3_DEFAULTS = {
  region: 'us-east-1',
  maxAttempts: 4,
  retryBaseMs: 200,
  connectTimeoutMs: 5_000,
  idleTimeoutMs: 30_000,
  partSizeBytes: 8 * 1024 * 1024,
  queueSize: 4,
} as const;

type Env = Readonly<Record<string, string | undefined>>;

// S3's bucket naming rules: 3–63 of a-z 0-9 . -, starting and ending with a letter or digit.
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
// AWS regions look like us-east-1, eu-central-2, us-gov-west-1; S3-compatible stores name
// theirs freely ("auto", "garage", "minio"), so with an endpoint any short word passes.
const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const OTHER_REGION = /^[a-z0-9][a-z0-9-]{0,31}$/;
// A key id, key ARN, alias name or alias ARN.
const KMS_KEY = /^[A-Za-z0-9:/_-]{1,2048}$/;

function invalid(variable: string, message: string): FaxError {
  return new FaxError('invalid_input', message, { field: variable });
}

export function normaliseS3Prefix(raw: string | undefined): string {
  const text = (raw ?? '').trim();
  if (text === '') return '';
  if ([...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f || c === '\\')) {
    throw invalid(
      'S3_PREFIX',
      `S3_PREFIX=${JSON.stringify(text)} has a control character or backslash: use letters, digits, "-", "_" and "/" (for example "faxbot/documents/").`,
    );
  }
  const segments = text.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '.' || segment === '..')) {
    throw invalid(
      'S3_PREFIX',
      `S3_PREFIX=${text} has a "." or ".." folder: write the folder path plainly (for example "faxbot/documents/").`,
    );
  }
  const prefix = segments.length ? `${segments.join('/')}/` : '';
  if (Buffer.byteLength(prefix) > 900)
    throw invalid('S3_PREFIX', 'S3_PREFIX is longer than 900 bytes: S3 keys are at most 1024 bytes, so use a shorter folder path.');
  return prefix;
}

function endpointFrom(raw: string | undefined): string | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(
      'S3_ENDPOINT_URL',
      `S3_ENDPOINT_URL=${text} is not a URL: write it in full, for example https://s3.example.com or http://127.0.0.1:9000, or unset it to use AWS.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid(
      'S3_ENDPOINT_URL',
      `S3_ENDPOINT_URL=${text} must start with https:// (or http:// for a store on your own network), or be unset to use AWS.`,
    );
  }
  if (url.username || url.password) {
    throw invalid(
      'S3_ENDPOINT_URL',
      'S3_ENDPOINT_URL must not hold credentials: remove the user:password@ part and set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead.',
    );
  }
  if (url.search || url.hash)
    throw invalid('S3_ENDPOINT_URL', `S3_ENDPOINT_URL=${text} must not have a ?query or #fragment: give only the store's address.`);
  return url.toString().replace(/\/$/, '');
}

function credentialsFrom(env: Env): S3Credentials | undefined {
  const accessKeyId = env.AWS_ACCESS_KEY_ID?.trim();
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY?.trim();
  if (!accessKeyId && !secretAccessKey) return undefined;
  if (!accessKeyId || !secretAccessKey) {
    const missing = accessKeyId ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID';
    throw invalid(
      missing,
      `${missing} is missing: S3 credentials need both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither (then the AWS profile or instance role is used).`,
    );
  }
  const sessionToken = env.AWS_SESSION_TOKEN?.trim() || undefined;
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

function flag(env: Env, variable: string, fallback: boolean): boolean {
  const raw = env[variable]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['true', '1', 'yes', 'on'].includes(raw)) return true;
  if (['false', '0', 'no', 'off'].includes(raw)) return false;
  throw invalid(variable, `${variable}=${env[variable]} is not usable: set it to true or false, or unset it (default ${fallback}).`);
}

/**
 * S3_BUCKET (required), S3_PREFIX, S3_REGION (else AWS_REGION, else us-east-1), S3_ENDPOINT_URL,
 * S3_KMS_KEY_ID, S3_CLIENT_SIDE_ENCRYPTION (default true); credentials AWS_ACCESS_KEY_ID +
 * AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN) from this environment, else the SDK's chain.
 */
export function s3SettingsFromEnv(env: Env, overrides: Partial<S3Settings> = {}): S3Settings {
  const bucket = env.S3_BUCKET?.trim() ?? '';
  if (!bucket)
    throw invalid(
      'S3_BUCKET',
      'STORAGE_BACKEND=s3 needs S3_BUCKET: set it to the name of the bucket Faxbot should store documents in, or unset STORAGE_BACKEND to keep documents on this computer.',
    );
  if (!BUCKET.test(bucket) || bucket.includes('..')) {
    throw invalid(
      'S3_BUCKET',
      `S3_BUCKET=${bucket} is not a bucket name: names are 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit (only the name, not s3:// or a URL).`,
    );
  }
  const endpoint = endpointFrom(env.S3_ENDPOINT_URL);
  const regionVariable = env.S3_REGION?.trim() ? 'S3_REGION' : 'AWS_REGION';
  const region = (env.S3_REGION?.trim() || env.AWS_REGION?.trim() || S3_DEFAULTS.region).toLowerCase();
  if (!(endpoint ? OTHER_REGION : AWS_REGION).test(region)) {
    throw invalid(
      regionVariable,
      endpoint
        ? `${regionVariable}=${region} is not a region name: use the region your S3-compatible store expects (often us-east-1), or unset it.`
        : `${regionVariable}=${region} is not an AWS region: use the bucket's region as AWS writes it, for example us-east-1 or eu-central-1.`,
    );
  }
  const kmsKeyId = env.S3_KMS_KEY_ID?.trim() || undefined;
  if (kmsKeyId && !KMS_KEY.test(kmsKeyId)) {
    throw invalid(
      'S3_KMS_KEY_ID',
      `S3_KMS_KEY_ID=${kmsKeyId} is not a KMS key: use the key's id, its ARN, or alias/NAME, or unset it for SSE-S3.`,
    );
  }
  const credentials = credentialsFrom(env);
  return {
    ...S3_DEFAULTS,
    bucket,
    prefix: normaliseS3Prefix(env.S3_PREFIX),
    region,
    ...(endpoint ? { endpoint } : {}),
    ...(kmsKeyId ? { kmsKeyId } : {}),
    ...(credentials ? { credentials } : {}),
    clientSideEncryption: flag(env, 'S3_CLIENT_SIDE_ENCRYPTION', true),
    serverSideEncryption: true,
    ...overrides,
  };
}
