// What a call's signals mean for the job (contracts/asterisk-ami.md §5.3, §7.2, §7.4):
// delivered, failed and worth another attempt, or failed for good. Messages say what
// happened in words a front desk understands, with Asterisk's own terms kept for admins.
import { FaxError, type FaxErrorInfo } from '../../../../shared/errors';

export type CallFailure = FaxErrorInfo & { retryable: boolean };
export type CallResult = { state: 'delivered'; pages: number } | { state: 'failed'; error: CallFailure };

const CAUSE_TEXT: Record<number, string> = {
  1: 'Unallocated (unassigned) number',
  3: 'No route to destination',
  16: 'Normal Clearing',
  17: 'User busy',
  18: 'No user responding',
  19: 'User alerting, no answer',
  21: 'Call Rejected',
  22: 'Number changed',
  27: 'Destination out of order',
  28: 'Invalid number format',
  34: 'Circuit/channel congestion',
  38: 'Network out of order',
  41: 'Temporary failure',
  42: 'Switching equipment congestion',
};

/** Causes that mean the number itself is wrong: trying again cannot help (§5.3, Reason 0). */
const NUMBER_CAUSES = new Set([1, 3, 22, 28]);

function failure(code: FaxErrorInfo['code'], message: string, retryable: boolean): CallResult {
  return { state: 'failed', error: { code, message, retryable } };
}

function causeWords(cause: number | undefined): string {
  if (cause === undefined) return '';
  return ` (hang-up cause ${cause}${CAUSE_TEXT[cause] ? `, ${CAUSE_TEXT[cause]}` : ''})`;
}

/** The attempt number in an attempt key (`<jobId>.<n>`), or 1 when it has none. */
export function attemptOf(key: string): number {
  const n = Number(/\.(\d+)$/.exec(key)?.[1]);
  return Number.isInteger(n) && n > 0 ? n : 1;
}

/** Cause 21 (call rejected) is retried once; rejected again, the far end means it (§5.3). */
const REJECTED_TRIES = 2;

/** An OriginateResponse Failure: the call was never answered. `attempt` counts from 1. */
export function unansweredResult(reason: number, hangupCause: number | undefined, attempt = 1): CallResult {
  const why = causeWords(hangupCause);
  if (hangupCause !== undefined && NUMBER_CAUSES.has(hangupCause))
    return failure('number_not_in_service', `The number is not in service or not valid${why}: check it and send again.`, false);
  if (hangupCause === 21 && attempt >= REJECTED_TRIES) {
    return failure(
      'not_a_fax_machine',
      `The other end rejected the call again${why}: it may not take faxes from this number. Check the number with the recipient before sending again.`,
      false,
    );
  }
  switch (reason) {
    case 5:
      return failure('line_busy', `The line was busy${why || causeWords(17)}.`, true);
    case 3:
      return failure('no_answer', `Nobody answered the call${why || causeWords(19)}.`, true);
    case 8:
      return failure(
        'provider_unavailable',
        `The call could not get through: the phone network or the SIP trunk refused or was congested${why}.`,
        true,
      );
    case 1:
      return failure('provider_error', `The call was hung up while it was being set up${why}.`, true);
    default:
      return failure('provider_error', `The call could not be placed${why}: check the SIP trunk in Asterisk if this repeats.`, true);
  }
}

const PERMANENT_FAX_ERRORS: Array<[RegExp, FaxErrorInfo['code'], string]> = [
  [
    /^FILE_ERROR$/,
    'provider_error',
    'Asterisk could not read the fax image (FILE_ERROR): check that the Asterisk user can read the shared spool folder (ASTERISK_SPOOL_DIR_REMOTE).',
  ],
  [
    /^INVALID_ARGUMENTS$/,
    'provider_error',
    'Asterisk refused the fax settings (INVALID_ARGUMENTS): check the faxbot-send context in extensions.conf against the sample.',
  ],
  [/resolution/i, 'document_rejected', 'The receiving fax machine cannot take pages at this resolution'],
  [/size of image|image size|page size|width/i, 'document_rejected', 'The receiving fax machine cannot take pages of this size'],
];

/** The dialplan's FaxbotResult (or its AstDB copy): FAXSTATUS, FAXERROR, FAXPAGES, HANGUPCAUSE. */
export function faxResult(status: string, error: string, pages: number, hangupCause: number | undefined, statusString = ''): CallResult {
  if (status === 'SUCCESS') return { state: 'delivered', pages };
  if (status === '') {
    // Answered, but SendFAX never ran or never set a status: usually a person or a voice line.
    return failure(
      'not_a_fax_machine',
      `The call was answered, but no fax machine took it${causeWords(hangupCause)}: check the number is a fax line.`,
      true,
    );
  }
  const text = error || statusString || 'UNKNOWN';
  for (const [pattern, code, words] of PERMANENT_FAX_ERRORS) {
    if (pattern.test(text))
      return failure(
        code,
        words.endsWith('.') ? words : `${words} ("${text}"): send it as a normal-resolution Letter/A4 fax or ask the recipient.`,
        false,
      );
  }
  const sentSoFar = pages > 0 ? ` after ${pages} page${pages === 1 ? '' : 's'}` : '';
  if (text === 'T38_NEG_ERROR')
    return failure('provider_error', `The fax machines could not agree on T.38 fax over the network${sentSoFar} (T38_NEG_ERROR).`, true);
  if (text === 'HANGUP') return failure('provider_error', `The far end hung up during the fax${sentSoFar} (HANGUP).`, true);
  if (text === 'TIMEOUT') return failure('provider_timeout', `The fax session timed out${sentSoFar} (TIMEOUT).`, true);
  return failure('provider_error', `The fax transmission failed${sentSoFar}: ${text}.`, true);
}

/** Answered, hung up, and the dialplan never reported (§7.4 last row): lost, try again. */
export function noFaxResult(hangupCause: number | undefined): CallResult {
  return failure(
    'provider_error',
    `The call ended without a fax result from Asterisk${causeWords(hangupCause)}: check that the faxbot-send context pushes the faxbot-send-result hangup handler (config/asterisk/extensions.conf).`,
    true,
  );
}

/** The AstDB value `STATUS|ERROR|PAGES|CAUSE` the hangup handler stores (§6, §7.6). */
export function faxResultFromDb(value: string): CallResult {
  const [status = '', error = '', pages = '', cause = ''] = value.split('|');
  return faxResult(status.trim(), error.trim(), toInt(pages) ?? 0, toInt(cause));
}

/** A `Response: Error` to our Originate (§5.2, §7.4). */
export function originateRefused(message: string): FaxError {
  if (/permission denied/i.test(message)) {
    return new FaxError(
      'provider_auth',
      'Asterisk does not let the AMI user place calls: add "write = originate,system" to its section of manager.conf, then run "manager reload".',
    );
  }
  if (/extension does not exist/i.test(message)) {
    return new FaxError(
      'provider_error',
      'Asterisk has no faxbot-send context: copy config/asterisk/extensions.conf into the dialplan and run "dialplan reload".',
    );
  }
  if (/invalid channel|channel not specified/i.test(message)) {
    return new FaxError('invalid_input', `Asterisk refused the dial string (${message}): check ASTERISK_TRUNK names a PJSIP endpoint.`);
  }
  return new FaxError('provider_unavailable', `Asterisk could not start the call (${message || 'no reason given'}).`, { retryable: true });
}

export function toInt(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*\d+\s*$/.test(text)) return undefined;
  return Number(text);
}
