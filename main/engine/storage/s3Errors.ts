// What went wrong with S3, in words a person can act on: the SDK's error names (and the bare
// status names of body-less HEAD answers) sorted into the few things that can be fixed —
// the network, the credentials, the bucket, the permissions, the region, the KMS key.
import { FaxError } from '../../../shared/errors';
import type { S3Settings } from './s3Settings';

interface SdkError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
  $response?: { headers?: Record<string, string> };
  $fault?: 'client' | 'server';
}

const CREDENTIALS_REFUSED = new Set([
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'InvalidToken',
  'ExpiredToken',
  'TokenRefreshRequired',
  'InvalidSecurity',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
]);
const NO_BUCKET = new Set(['NoSuchBucket']);
const DENIED = new Set(['AccessDenied', 'AllAccessDisabled', 'AccountProblem', 'Forbidden']);
const WRONG_REGION = new Set([
  'PermanentRedirect',
  'AuthorizationHeaderMalformed',
  'IllegalLocationConstraintException',
  'MovedPermanently',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
  'EPROTO',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);
const MISSING_OBJECT = new Set(['NoSuchKey', 'NotFound']);

function asSdk(error: unknown): SdkError {
  return (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SdkError;
}

export function s3Where(settings: S3Settings): string {
  return settings.endpoint ?? `AWS S3 (${settings.region})`;
}

/** A GetObject/HeadObject answer meaning "no such object" (not "no such bucket"). */
export function isMissingObject(error: unknown): boolean {
  const e = asSdk(error);
  return MISSING_OBJECT.has(e.name ?? '') || (e.$metadata?.httpStatusCode === 404 && !NO_BUCKET.has(e.name ?? ''));
}

function networkReason(e: SdkError): string | null {
  const code = e.code ?? (e as { cause?: SdkError }).cause?.code;
  if (code && NETWORK_CODES.has(code)) return code;
  if (e.name === 'TimeoutError' || e.name === 'RequestTimeout' || e.name === 'RequestTimeoutException') return 'no answer in time';
  // A failure before any HTTP answer, that the SDK did not classify: treat as unreachable.
  if (
    !e.$metadata?.httpStatusCode &&
    !e.$fault &&
    e.name !== 'CredentialsProviderError' &&
    /socket|network|connect|getaddrinfo|timed? ?out/i.test(e.message ?? '')
  )
    return e.message ?? 'network error';
  return null;
}

/**
 * The FaxError('storage_error') for a failed S3 request. `what` completes "while trying to …",
 * e.g. "store document 7f3a". Network and server failures are retryable; the rest need a person.
 */
export function s3Failure(error: unknown, what: string, settings: S3Settings): FaxError {
  if (error instanceof FaxError) return error;
  const e = asSdk(error);
  const name = e.name ?? 'Error';
  const status = e.$metadata?.httpStatusCode;
  const attempts = e.$metadata?.attempts ?? 1;
  const where = s3Where(settings);
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  const fail = (message: string, retryable = false) => new FaxError('storage_error', message, { retryable, cause: error });

  const reach = networkReason(e);
  if (reach) {
    return fail(
      `Faxbot could not reach the S3 endpoint ${where} to ${what} (${reach}, ${tries}): check this computer's network connection and that ${settings.endpoint ? 'S3_ENDPOINT_URL' : 'S3_REGION'} is right. Nothing was reported stored.`,
      true,
    );
  }
  if (name === 'CredentialsProviderError') {
    return fail(
      `No S3 credentials were found to ${what}: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give Faxbot an AWS profile (AWS_PROFILE) or an instance role.`,
    );
  }
  if (CREDENTIALS_REFUSED.has(name)) {
    return fail(
      `The S3 credentials were refused by ${where} (${name}) while trying to ${what}: check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or the AWS profile or role Faxbot runs with) are current and belong to the account that owns the bucket ${settings.bucket}.`,
    );
  }
  if (NO_BUCKET.has(name)) {
    return fail(
      `The S3 bucket ${settings.bucket} does not exist at ${where}: create it, or correct S3_BUCKET${settings.endpoint ? ' and S3_ENDPOINT_URL' : ' and S3_REGION'}.`,
    );
  }
  if (name.startsWith('KMS.') || name.startsWith('KMS') || /kms/i.test(e.message ?? '')) {
    return fail(
      `The KMS key in S3_KMS_KEY_ID could not be used to ${what} (${name}): check the key exists in ${settings.region}, is enabled, and these credentials may use it (kms:GenerateDataKey, kms:Decrypt), or unset S3_KMS_KEY_ID to use SSE-S3.`,
    );
  }
  if (DENIED.has(name) || status === 403) {
    const kms = settings.kmsKeyId ? ', and kms:GenerateDataKey and kms:Decrypt on the S3_KMS_KEY_ID key' : '';
    return fail(
      `Access to the S3 bucket ${settings.bucket} was denied while trying to ${what}: the credentials were accepted but lack permission (Faxbot needs s3:PutObject, s3:GetObject, s3:DeleteObject and s3:AbortMultipartUpload on ${settings.prefix || ''}*${kms}). Ask whoever manages the bucket to grant them.`,
    );
  }
  if (WRONG_REGION.has(name) || status === 301) {
    const region = e.$response?.headers?.['x-amz-bucket-region'];
    return fail(
      `The S3 bucket ${settings.bucket} is not in ${settings.region}: set S3_REGION to the bucket's region${region ? ` (${region})` : ''}.`,
    );
  }
  if (e.$fault === 'server' || (status !== undefined && status >= 500) || name === 'SlowDown') {
    return fail(
      `S3 at ${where} kept failing to ${what} (${name}${status ? `, HTTP ${status}` : ''}, ${tries}): the service may be down or overloaded; try again later.`,
      true,
    );
  }
  return fail(
    `S3 at ${where} refused to ${what} (${name}${e.message && e.message !== name ? `: ${e.message}` : ''}): check the S3 settings in the README's storage section.`,
  );
}
