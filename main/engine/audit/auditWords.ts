// The audit log in words, for Settings → Audit and the CSV export: who, what, and the
// details, as an office manager would say them (UX.md: no raw codes on screen).
import { AUDIT_ACTION_WORDS, type AuditAction } from '../../../shared/audit';
import type { AuditRecord } from './auditLog';

export function describeAction(action: string): string {
  return AUDIT_ACTION_WORDS[action as AuditAction] ?? action.replace(/_/g, ' ');
}

const PROVIDER_WORDS: Record<string, string> = {
  phaxio: 'Phaxio webhook',
  sinch: 'Sinch webhook',
  sip: 'Asterisk',
  simulator: 'Simulator',
};

/** `keyNames` maps API key ids to the names people gave them. */
export function describeActor(actor: string, keyNames: ReadonlyMap<string, string>): string {
  if (actor === 'window') return 'Faxbot window';
  if (actor === 'faxbot') return 'Faxbot';
  if (actor === 'env') return 'API_KEY (environment)';
  if (actor === 'cli') return 'faxbot command line';
  if (actor === 'mcp') return 'AI assistant (MCP)';
  if (actor === 'anonymous' || actor === 'unknown') return 'Unknown caller';
  if (/^[0-9a-f]{12}$/.test(actor)) return keyNames.has(actor) ? `API key “${keyNames.get(actor)}”` : `API key ${actor}`;
  return PROVIDER_WORDS[actor] ?? actor;
}

const REJECTION_WORDS: Record<string, string> = {
  bad_path_secret: 'wrong secret in the address',
  bad_signature: 'signature did not match',
  bad_body: 'body could not be read',
  too_large: 'body too large',
};

const SETTING_WORDS: Record<string, string> = {
  defaultCountry: 'country',
  paperSize: 'paper size',
  stationNumber: 'station number',
  stationName: 'station name',
  stationPhone: 'practice phone number',
  stationSetup: 'station setup',
  headerText: 'header text',
  confidentialityNotice: 'confidentiality notice',
  maxAttempts: 'attempts per fax',
  concurrency: 'faxes at once',
  theme: 'theme',
  sendingWindowOn: 'sending window on/off',
  sendingWindowStart: 'sending window start',
  sendingWindowEnd: 'sending window end',
  sendingWindowDays: 'sending window days',
  webhookPublicUrl: 'public webhook URL',
};

const BACKEND_WORDS: Record<string, string> = { local: 'this computer', s3: 'S3' };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The details of one entry, in words; '' when there is nothing to add. */
export function describeDetails(record: Pick<AuditRecord, 'action' | 'details'>): string {
  const d = record.details;
  const parts: string[] = [];
  const text = (name: string) => (typeof d[name] === 'string' ? (d[name] as string) : null);
  const count = (name: string) => (typeof d[name] === 'number' ? (d[name] as number) : null);
  if (text('to')) parts.push(`to ${text('to')}`);
  if (text('from')) parts.push(`from ${text('from')}`);
  if (text('fax')) parts.push(`fax ${text('fax')}`);
  if (count('recipients') !== null) parts.push(plural(count('recipients')!, 'recipient'));
  if (count('duplicates')) parts.push(`${plural(count('duplicates')!, 'duplicate')} dialled once`);
  if (text('sendAt')) parts.push(text('sendAt') === 'now' ? 'to go now' : `to go at ${text('sendAt')}`);
  if (count('sentNow')) parts.push(`${plural(count('sentNow')!, 'recipient')} sent now`);
  if (d.removedFromSend === true) parts.push('removed from its send before it started');
  if (text('sendId')) parts.push('one recipient of a send');
  if (count('imported') !== null) parts.push(`${plural(count('imported')!, 'contact')} imported`);
  if (count('merged')) parts.push(`${count('merged')} merged`);
  if (count('skipped')) parts.push(`${count('skipped')} skipped`);
  if (count('contacts') !== null) parts.push(plural(count('contacts')!, 'contact'));
  if (text('change')) parts.push(text('change')!);
  if (count('added')) parts.push(`${count('added')} added`);
  if (count('removed')) parts.push(`${count('removed')} removed`);
  if (count('pages') !== null) parts.push(plural(count('pages')!, 'page'));
  if (text('file')) parts.push(`file ${text('file')}`);
  if (count('attempts') !== null) parts.push(plural(count('attempts')!, 'attempt'));
  if (text('code')) parts.push(`reason: ${text('code')!.replace(/_/g, ' ')}`);
  if (Array.isArray(d.changed))
    parts.push(`changed: ${(d.changed as unknown[]).map((name) => SETTING_WORDS[String(name)] ?? String(name)).join(', ')}`);
  if (text('route')) parts.push(`route ${text('route')}`);
  if (text('reason')) parts.push(REJECTION_WORDS[text('reason')!] ?? text('reason')!);
  if (count('suppressed')) parts.push(`${plural(count('suppressed')!, 'more refusal')} not listed separately`);
  if (text('scope')) parts.push(`needs ${text('scope')}`);
  if (Array.isArray(d.scopes)) parts.push(`permissions: ${(d.scopes as unknown[]).join(', ')}`);
  if (text('name')) parts.push(`named “${text('name')}”`);
  if (count('limit') !== null) parts.push(`limit ${count('limit')} a minute`);
  if (count('retentionDays') !== null) parts.push(`kept ${plural(count('retentionDays')!, 'day')}`);
  if (text('toBackend')) parts.push(`to ${BACKEND_WORDS[text('toBackend')!] ?? text('toBackend')}`);
  if (text('outcome')) parts.push(text('outcome')!);
  if (count('moved') !== null && count('total') !== null) parts.push(`${count('moved')} of ${plural(count('total')!, 'document')}`);
  if (count('documents') !== null) parts.push(plural(count('documents')!, 'document'));
  if (count('lastSeq') !== null) parts.push(`after entry #${count('lastSeq')}`);
  return parts.join(' · ');
}
