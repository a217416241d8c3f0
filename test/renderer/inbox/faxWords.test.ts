import { describe, expect, it } from 'vitest';
import { faxFileName, noMatchWords, rowLabel, senderOf } from '../../../renderer/src/screens/inbox/faxWords';
import { NO_FILTER } from '../../../renderer/src/stores';
import { pdfFileName } from '../../../renderer/src/documents/savePdf';
import type { InboundFax } from '../../../shared/model';

const fax: InboundFax = {
  id: 'a',
  from: '+12025550143',
  fromName: '',
  to: '+12025550177',
  pages: 3,
  receivedAt: new Date(2026, 2, 3, 14, 5).toISOString(),
  read: false,
  provider: 'simulator',
  providerFaxId: 'p',
};

describe('how a received fax is named', () => {
  it('names the sender by name, else by number in the home country’s format, else as unknown', () => {
    expect(senderOf({ ...fax, fromName: 'Dr. Amy Lee' }, 'US')).toBe('Dr. Amy Lee');
    expect(senderOf(fax, 'US')).toBe('(202) 555-0143');
    expect(senderOf({ ...fax, from: '' }, 'US')).toBe('Unknown sender');
  });

  it('speaks a row with the unread mark, the sender, pages and time', () => {
    expect(rowLabel({ ...fax, fromName: 'Dr. Amy Lee' }, 'US', new Date(2026, 2, 3, 18))).toMatch(
      /^Unread, from Dr\. Amy Lee \(202\) 555-0143, \d\d:05( [AP]M)?, 3 pages$/,
    );
    expect(rowLabel({ ...fax, read: true }, 'US', new Date(2026, 2, 3, 18))).toMatch(
      /^from \(202\) 555-0143 to \(202\) 555-\d{4}, .+, 3 pages$/,
    );
  });

  it('saves under a name any file system takes, even from a hostile sender name', () => {
    expect(faxFileName(fax, 'US')).toBe('fax from (202) 555-0143 2026-03-03 14.05.pdf');
    // Save passes every name through pdfFileName (renderer/src/documents).
    const hostile = pdfFileName(faxFileName({ ...fax, fromName: '../../etc/passwd:\u0000<x>*?' }, 'US'));
    expect(hostile).toMatch(/\.pdf$/);
    // eslint-disable-next-line no-control-regex
    expect(hostile).not.toMatch(/[\\/:*?"<>|\u0000]/);
    expect(faxFileName({ ...fax, receivedAt: 'not a time' }, 'US')).toBe('fax from (202) 555-0143.pdf');
  });

  it('says what an empty search was for', () => {
    expect(noMatchWords({ ...NO_FILTER, search: ' 0143 ' })).toBe('No faxes match “0143”.');
    expect(noMatchWords({ ...NO_FILTER, fromDay: '2026-03-01' })).toMatch(/^No faxes match received on or after Mar 1, 2026\.$/);
    expect(noMatchWords({ search: 'Lee', fromDay: '2026-03-01', toDay: '2026-03-03' })).toMatch(
      /^No faxes match “Lee”, received Mar 1, 2026 – Mar 3, 2026\.$/,
    );
  });
});
