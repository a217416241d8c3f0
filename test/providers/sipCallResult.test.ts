// The contract's outcome tables (asterisk-ami.md §5.3, §7.2, §7.4) as the provider applies
// them, including values a broken or edited dialplan could send.
import { describe, expect, it } from 'vitest';
import { attemptOf, faxResult, faxResultFromDb, originateRefused, unansweredResult } from '../../main/engine/providers/sip';

describe('calls never answered (OriginateResponse Reason + Hangup cause)', () => {
  it.each([
    [5, 17, 'line_busy', true],
    [3, 19, 'no_answer', true],
    [8, 34, 'provider_unavailable', true],
    [8, 38, 'provider_unavailable', true],
    [1, undefined, 'provider_error', true],
    [0, 1, 'number_not_in_service', false],
    [0, 3, 'number_not_in_service', false],
    [0, 22, 'number_not_in_service', false],
    [0, 28, 'number_not_in_service', false],
    [0, 41, 'provider_error', true],
    [0, undefined, 'provider_error', true],
    [99, undefined, 'provider_error', true],
  ])('Reason %i with cause %s → %s (retryable %s)', (reason, cause, code, retryable) => {
    expect(unansweredResult(reason, cause)).toMatchObject({ state: 'failed', error: { code, retryable } });
  });

  it('retries a rejected call (cause 21) once, then fails it for good, saying why', () => {
    expect(unansweredResult(8, 21, 1)).toMatchObject({ state: 'failed', error: { code: 'provider_unavailable', retryable: true } });
    const again = unansweredResult(8, 21, attemptOf('job-7.2'));
    expect(again).toMatchObject({ state: 'failed', error: { code: 'not_a_fax_machine', retryable: false } });
    expect(again.state === 'failed' && again.error.message).toMatch(/rejected the call again \(hang-up cause 21, Call Rejected\)/);
    // Other congestion causes stay retryable however often they happen.
    expect(unansweredResult(8, 34, 3)).toMatchObject({ error: { retryable: true } });
    expect([attemptOf('job-7.1'), attemptOf('job-7.12'), attemptOf('no-number'), attemptOf('x.0')]).toEqual([1, 12, 1, 1]);
  });

  it('names the cause in words', () => {
    const result = unansweredResult(5, 17);
    expect(result.state === 'failed' && result.error.message).toMatch(/busy \(hang-up cause 17, User busy\)/);
  });
});

describe('FaxbotResult / AstDB values', () => {
  it.each([
    ['FILE_ERROR', 'provider_error', false],
    ['INVALID_ARGUMENTS', 'provider_error', false],
    ['Far end cannot receive at the size of image', 'document_rejected', false],
    ['Far end cannot receive at the resolution of the image', 'document_rejected', false],
    ['T38_NEG_ERROR', 'provider_error', true],
    ['HANGUP', 'provider_error', true],
    ['TIMEOUT', 'provider_timeout', true],
    ['Failed to train with any of the compatible modems', 'provider_error', true],
    ['Timed out waiting for initial communication', 'provider_error', true],
    ['', 'provider_error', true],
  ])('FAILED with FAXERROR %j → %s (retryable %s)', (error, code, retryable) => {
    expect(faxResult('FAILED', error, 0, 16)).toMatchObject({ state: 'failed', error: { code, retryable } });
  });

  it('delivers on SUCCESS with the page count', () => {
    expect(faxResult('SUCCESS', '', 3, 16)).toEqual({ state: 'delivered', pages: 3 });
  });

  it('treats an empty status as "not a fax machine", and any other status as a failure', () => {
    expect(faxResult('', '', 0, 16)).toMatchObject({ state: 'failed', error: { code: 'not_a_fax_machine', retryable: true } });
    expect(faxResult('FAILURE', '', 0, 16)).toMatchObject({ state: 'failed' });
    expect(faxResult('success', '', 0, 16)).toMatchObject({ state: 'failed' });
  });

  it.each([
    ['SUCCESS||2|16', { state: 'delivered', pages: 2 }],
    ['FAILED|HANGUP|1|16', { state: 'failed' }],
    ['SUCCESS||x|y', { state: 'delivered', pages: 0 }],
    ['', { state: 'failed' }],
    ['|||', { state: 'failed' }],
    ['garbage', { state: 'failed' }],
    ['SUCCESS|||||||', { state: 'delivered', pages: 0 }],
  ])('reads the AstDB value %j', (value, expected) => {
    expect(faxResultFromDb(value)).toMatchObject(expected);
  });
});

describe('Originate refused', () => {
  it.each([
    ['Permission denied', 'provider_auth', false, /write = originate/],
    ['Extension does not exist.', 'provider_error', false, /faxbot-send context/],
    ['Invalid channel', 'invalid_input', false, /ASTERISK_TRUNK/],
    ['Channel not specified', 'invalid_input', false, /ASTERISK_TRUNK/],
    ['Originate failed', 'provider_unavailable', true, /could not start the call/],
    ['', 'provider_unavailable', true, /no reason given/],
  ])('%j → %s', (message, code, retryable, words) => {
    const error = originateRefused(message);
    expect(error).toMatchObject({ code, retryable });
    expect(error.message).toMatch(words);
  });
});
