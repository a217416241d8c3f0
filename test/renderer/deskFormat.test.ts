import { describe, expect, it } from 'vitest';
import { jobChip, pagesLabel } from '../../renderer/src/format/jobChip';
import { numberHint } from '../../renderer/src/format/numberHint';
import { formatFaxTime } from '../../renderer/src/format/time';
import { statusLine } from '../../renderer/src/stores';
import { job } from './jobs';

describe('the status chip of a job', () => {
  it('says each state in words with its colour', () => {
    expect(jobChip(job({ status: 'queued' }))).toEqual({ tone: 'grey', text: 'Queued' });
    expect(jobChip(job({ status: 'sending', pagesSent: 2, pages: 5 }))).toEqual({ tone: 'blue', text: 'Sending · page 2 of 5' });
    expect(jobChip(job({ status: 'sending', pagesSent: null }))).toEqual({ tone: 'blue', text: 'Sending' });
    expect(jobChip(job({ status: 'delivered' }))).toEqual({ tone: 'green', text: 'Delivered' });
    expect(jobChip(job({ status: 'canceled' }))).toEqual({ tone: 'grey', text: 'Canceled' });
    expect(jobChip(job({ status: 'failed', lastError: { code: 'number_not_in_service', message: 'number not in service' } }))).toEqual({
      tone: 'red',
      text: 'Failed',
    });
  });

  it('shows a retry in amber with its time; the reason, in short words, is said under the row', () => {
    const chip = jobChip(
      job({
        status: 'queued',
        attempts: 1,
        nextAttemptAt: '2026-03-03T14:05:00.000Z',
        lastError: { code: 'line_busy', message: 'The line was busy.', retryable: true },
      }),
      'en-GB',
      'UTC',
    );
    expect(chip).toEqual({ tone: 'amber', text: 'Retrying at 14:05' });
  });

  it('never shows a page beyond the last or before the first', () => {
    expect(jobChip(job({ status: 'sending', pagesSent: 9, pages: 5 })).text).toBe('Sending · page 5 of 5');
    expect(jobChip(job({ status: 'sending', pagesSent: 0, pages: 5 })).text).toBe('Sending · page 1 of 5');
  });

  it('counts pages in words', () => {
    expect(pagesLabel(1)).toBe('1 page');
    expect(pagesLabel(4)).toBe('4 pages');
  });
});

describe('times on the desk', () => {
  it('are in the given locale and zone, never ISO', () => {
    const text = formatFaxTime('2026-03-03T14:05:00.000Z', new Date('2026-03-03T15:00:00Z'), 'en-US', 'America/New_York');
    expect(text).toMatch(/Mar 3.*09:05 AM/);
    expect(text).not.toMatch(/T\d\d:/);
  });

  it('show only the clock for today, and the year for another year', () => {
    const now = new Date(2026, 2, 3, 16, 0);
    expect(formatFaxTime(new Date(2026, 2, 3, 14, 5).toISOString(), now, 'en-GB')).toBe('14:05');
    expect(formatFaxTime(new Date(2025, 11, 30, 9, 0).toISOString(), now, 'en-GB')).toMatch(/2025/);
  });

  it('are empty for a time that cannot be read', () => {
    expect(formatFaxTime('yesterday')).toBe('');
  });
});

describe('the To field hint', () => {
  it('shows nothing for an empty field, and holds the error while the person is typing', () => {
    expect(numberHint('', 'US', true)).toEqual({ state: 'empty' });
    expect(numberHint('   ', 'US', true)).toEqual({ state: 'empty' });
    expect(numberHint('202 55', 'US', false)).toEqual({ state: 'typing' });
  });

  it('gives the reason in words once the person pauses or leaves the field', () => {
    const short = numberHint('202 55', 'US', true);
    expect(short.state).toBe('invalid');
    expect(short.state === 'invalid' && short.message).toMatch(/too short: a United States number has 10 digits/);
    const letters = numberHint('call me', 'US', true);
    expect(letters.state === 'invalid' && letters.message).toMatch(/letters/);
    const tooLong = numberHint('+1 202 555 0143 999', 'US', true);
    expect(tooLong.state === 'invalid' && tooLong.message).toMatch(/too long/);
  });

  it('formats a valid number nationally with its country', () => {
    expect(numberHint('2025550143', 'US', false)).toMatchObject({
      state: 'valid',
      e164: '+12025550143',
      national: '(202) 555-0143',
      country: 'US',
      countryName: 'United States',
    });
  });

  it('shows a number of another country the way it is dialled from here', () => {
    expect(numberHint('+44 20 7946 0018', 'US', false)).toMatchObject({ state: 'valid', national: '+44 20 7946 0018', country: 'GB' });
    expect(numberHint('020 7946 0018', 'GB', false)).toMatchObject({ state: 'valid', national: '020 7946 0018', country: 'GB' });
  });
});

describe('the status line', () => {
  const status = {
    version: '0.1.0',
    provider: 'simulator',
    providerLabel: 'Simulator',
    activeJobs: 0,
    unreadFaxes: 0,
    dataDir: '/d',
    headless: true,
    watchDir: '/w',
  };
  it('says plainly that the simulator sends nothing', () => {
    expect(statusLine({ status, error: null })).toEqual({ tone: 'waiting', text: 'Practice mode — faxes are not really sent' });
  });
  it('says when a real provider tested while the simulator sends failed its check', () => {
    const line = statusLine({
      status: { ...status, failedCheck: { name: 'Phaxio', message: 'Phaxio refused the API key.' } },
      error: null,
    });
    expect(line).toEqual({
      tone: 'problem',
      text: 'Practice mode — faxes are not really sent · Phaxio failed its check: Phaxio refused the API key.',
    });
  });
  it('never says ready for a provider in trouble', () => {
    const phaxio = { ...status, provider: 'phaxio', providerLabel: 'Phaxio' };
    expect(statusLine({ status: phaxio, error: null })).toEqual({ tone: 'ok', text: 'Phaxio · ready' });
    const troubled = { ...phaxio, providerProblem: 'Phaxio failed its last check: Phaxio refused the API key.' };
    expect(statusLine({ status: troubled, error: null })).toEqual({ tone: 'problem', text: troubled.providerProblem });
  });
  it('says what is wrong when the engine cannot be reached, and that it is connecting before the first answer', () => {
    expect(statusLine({ status: null, error: 'Faxbot is not answering.' })).toMatchObject({
      tone: 'problem',
      text: expect.stringContaining('not answering'),
    });
    expect(statusLine({ status: null, error: null })).toMatchObject({ tone: 'waiting' });
  });
});
