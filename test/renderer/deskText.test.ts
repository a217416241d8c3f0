// Desk screens show no error codes, variable names or file paths: those go behind Details.
import { describe, expect, it } from 'vitest';
import { deskText, isTechnical } from '../../renderer/src/format/deskText';

describe('the words a desk screen shows', () => {
  it('leaves a plain sentence alone', () => {
    expect(deskText('The line was busy. Faxbot will try again.')).toEqual({
      plain: 'The line was busy. Faxbot will try again.',
      details: null,
    });
    expect(isTechnical('insurance_card.png is empty: remove it and add it again.')).toBe(false);
  });

  it('keeps a variable name for Details and the plain part for the desk', () => {
    const message = 'big.pdf is larger than 20 MB, the most one file can be. Split it, or raise MAX_FILE_SIZE_MB.';
    expect(deskText(message)).toEqual({ plain: 'big.pdf is larger than 20 MB, the most one file can be.', details: message });
  });

  it('keeps the words before a technical clause', () => {
    const message =
      'Gave up after 3 attempts: phaxio could not start: Phaxio needs its API credentials: set PHAXIO_API_KEY and PHAXIO_API_SECRET (from the Phaxio console, API Keys page). Fix its settings in Settings → Plugins, test them and apply; faxes wait and are tried again.';
    const { plain, details } = deskText(message);
    expect(plain).toBe(
      'Gave up after 3 attempts. Fix its settings in Settings → Plugins, test them and apply; faxes wait and are tried again.',
    );
    expect(plain).not.toMatch(/PHAXIO_|_/);
    expect(details).toBe(message);
  });

  it('moves paths and codes behind Details too, with a plain sentence when nothing plain is left', () => {
    expect(isTechnical('The folder /home/desk/Faxbot/Outbox cannot be read.')).toBe(true);
    expect(isTechnical('C:\\Users\\desk\\Faxbot is full.')).toBe(true);
    expect(isTechnical('provider_error')).toBe(true);
    expect(deskText('/var/spool/faxbot/out is not writable')).toEqual({
      plain: 'Something went wrong. An admin can see the details.',
      details: '/var/spool/faxbot/out is not writable',
    });
  });
});
