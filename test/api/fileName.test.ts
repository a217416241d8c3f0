// The uploaded file name is untrusted: even without busboy's own basename step, only a
// clean last segment survives, as a label.
import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../main/engine/api/rest/multipart';

describe('safeFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\amy\\..\\secret.pdf', 'secret.pdf'],
    ['/absolute/path/', 'upload'],
    ['..', 'upload'],
    ['.hidden', 'hidden'],
    ['re\u0000po\u001frt\u007f.pdf', 'report.pdf'],
    ['quote".pdf', 'quote.pdf'],
    ['', 'upload'],
    [undefined, 'upload'],
    ['x'.repeat(500), 'x'.repeat(200)],
  ])('%j becomes %j', (raw, label) => {
    expect(safeFileName(raw)).toBe(label);
  });
});
