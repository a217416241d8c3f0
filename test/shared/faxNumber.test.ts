import { describe, expect, it } from 'vitest';
import { checkFaxNumber, formatFaxNumber, maskFaxNumber } from '../../shared/faxNumber';

describe('fax numbers', () => {
  it.each([
    ['(202) 555-0143', 'US', '+12025550143', '(202) 555-0143'],
    ['202.555.0143', 'US', '+12025550143', '(202) 555-0143'],
    ['+1 202 555 0143', 'GB', '+12025550143', '(202) 555-0143'],
    ['1-800-555-0199', 'US', '+18005550199', '(800) 555-0199'],
    ['020 7946 0018', 'GB', '+442079460018', '020 7946 0018'],
    ['+49 30 901820', 'US', '+4930901820', '030 901820'],
  ])('normalizes %s (%s) to E.164', (input, country, e164, national) => {
    const check = checkFaxNumber(input, country);
    expect(check).toMatchObject({ ok: true, e164, national });
  });

  it('accepts toll-free numbers and says so', () => {
    expect(checkFaxNumber('+1 (888) 555-0100', 'US')).toMatchObject({ ok: true, tollFree: true });
  });

  it.each([
    ['', /Enter a fax number/],
    ['   ', /Enter a fax number/],
    ['555-0100', /too short.*10 digits after \+1.*area code/],
    ['+1 202 555 01435', /too long.*10 digits/],
    ['+999 123456', /No country uses the code/],
    ['call me', /letters/],
    ['()-', /no digits/],
    ['+1 555 555 5555', /not a number in use/],
  ])('refuses %j with the reason', (input, message) => {
    const check = checkFaxNumber(input, 'US');
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toMatch(message);
  });

  it('falls back to US for an unknown default country instead of crashing', () => {
    expect(checkFaxNumber('(202) 555-0143', 'ZZ')).toMatchObject({ ok: true, e164: '+12025550143' });
  });

  it('shows national format at home and international abroad', () => {
    expect(formatFaxNumber('+12025550143', 'US')).toBe('(202) 555-0143');
    expect(formatFaxNumber('+442079460018', 'US')).toBe('+44 20 7946 0018');
    expect(formatFaxNumber('not a number', 'US')).toBe('not a number');
  });

  it('masks numbers to the last 4 digits for logs', () => {
    expect(maskFaxNumber('+12025550143')).toBe('***0143');
    expect(maskFaxNumber('12')).toBe('****');
  });
});
