// Multipart bodies a server must refuse: a good POST /fax form cut at a random point, and a
// fuzz of forms broken the ways clients and networks break them. Every case is built to be
// invalid (a case that happened to be a valid fax would be sent, and "nothing kept" would fail).
import type { Prng } from '../support/prng';

export interface FormCase {
  label: string;
  contentType: string;
  body: Buffer;
  /** Extra request headers (a huge one, for instance). */
  headers?: Record<string, string>;
}

export interface GoodForm {
  boundary: string;
  contentType: string;
  body: Buffer;
  /** Where the closing delimiter ("\r\n--boundary--") starts: a cut anywhere before it leaves the form unfinished. */
  closingAt: number;
}

function part(boundary: string, headers: string[], content: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`--${boundary}\r\n${headers.join('\r\n')}\r\n\r\n`, 'latin1'), content, Buffer.from('\r\n')]);
}

const toHeaders = ['Content-Disposition: form-data; name="to"'];
const fileHeaders = ['Content-Disposition: form-data; name="file"; filename="referral.pdf"', 'Content-Type: application/pdf'];

/** A POST /fax form as an SDK sends it: `to` and `file`, in either order. */
export function goodForm(random: Prng, to: string, pdf: Buffer, boundary = '----faxbot' + random.alnum(16)): GoodForm {
  const parts = [part(boundary, toHeaders, Buffer.from(to)), part(boundary, fileHeaders, pdf)];
  if (random.next() < 0.3) parts.reverse();
  const closing = `--${boundary}--\r\n`;
  const body = Buffer.concat([...parts, Buffer.from(closing)]);
  // The delimiter is the CRLF that ends the last part's content, then "--boundary--".
  return { boundary, contentType: `multipart/form-data; boundary=${boundary}`, body, closingAt: body.length - closing.length - 2 };
}

/** The good form, ending at a random byte before its closing delimiter. */
export function cutForm(random: Prng, form: GoodForm): FormCase & { cutAt: number } {
  const cutAt = random.int(form.closingAt + 1);
  return { label: `cut at byte ${cutAt} of ${form.body.length}`, contentType: form.contentType, body: form.body.subarray(0, cutAt), cutAt };
}

/**
 * The CRLFs that shape the form, whose loss breaks it: not those inside the PDF, not the one
 * after the closing delimiter (busboy does not need it), and not the one between the file
 * part's two headers (without it the part still reads as a file named referral.pdf).
 */
function structuralCrlfs(form: GoodForm, pdf: Buffer): number[] {
  const pdfAt = form.body.indexOf(pdf);
  const betweenFileHeaders = form.body.indexOf(fileHeaders[0]) + fileHeaders[0].length;
  const found: number[] = [];
  for (let at = form.body.indexOf('\r\n'); at !== -1; at = form.body.indexOf('\r\n', at + 1)) {
    const insidePdf = at >= pdfAt && at < pdfAt + pdf.length;
    if (!insidePdf && at !== betweenFileHeaders && at < form.body.length - 2) found.push(at);
  }
  return found;
}

const brokenDispositions = (random: Prng) => [
  'Content-Disposition form-data; name="file"; filename="a.pdf"',
  `Content-Disposition: form-data; name="fi\r\nContent-Type: application/pdf`,
  'Content-Disposition: attachment; name="file"; filename="a.pdf"',
  `${random.alnum(8)}\u0000\u00ff: ${random.alnum(12)}`,
  'Content-Disposition: form-data; name=""; filename="a.pdf"',
  ': form-data; name="file"',
];

/** One malformed form, broken in a way picked at random. */
export function brokenForm(random: Prng, to: string, pdf: Buffer): FormCase {
  const form = goodForm(random, to, pdf);
  const { boundary, body, contentType } = form;
  const breakages: Array<() => FormCase> = [
    () => {
      const declared = random.alnum(1 + random.int(70));
      return { label: 'boundary in the header is not the one in the body', contentType: `multipart/form-data; boundary=${declared}`, body };
    },
    () => ({
      label: 'no boundary at all',
      contentType: random.pick(['multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; charset=utf-8']),
      body,
    }),
    () => {
      const header = random.pick(brokenDispositions(random));
      const broken = Buffer.from(body.toString('latin1').replace(fileHeaders[0], header), 'latin1');
      return { label: `broken file part header ${JSON.stringify(header.slice(0, 30))}`, contentType, body: broken };
    },
    () => {
      const crlfs = structuralCrlfs(form, pdf);
      const at = random.pick(crlfs);
      return { label: `CRLF at byte ${at} missing`, contentType, body: Buffer.concat([body.subarray(0, at), body.subarray(at + 2)]) };
    },
    () => {
      // Ends inside a part's header block: no blank line, then nothing.
      const fileHeadAt = body.indexOf('Content-Disposition: form-data; name="file"');
      const cutAt = fileHeadAt + random.int(fileHeaders.join('\r\n').length);
      return { label: `ends inside the file part's headers (byte ${cutAt})`, contentType, body: body.subarray(0, cutAt) };
    },
    () => {
      const filler = `X-Filler: ${'a'.repeat(17 * 1024 + random.int(100 * 1024))}`;
      const broken = Buffer.from(body.toString('latin1').replace(fileHeaders[1], `${fileHeaders[1]}\r\n${filler}`), 'latin1');
      return { label: `a ${filler.length}-byte part header line`, contentType, body: broken };
    },
    () => ({
      label: 'a huge request header line',
      contentType,
      body,
      headers: { 'X-Filler': 'b'.repeat(17 * 1024 + random.int(40 * 1024)) },
    }),
    () => {
      // A second file is broken; a second "to" is not since a send may have several recipients.
      const twice = part(boundary, fileHeaders, pdf);
      const at = body.length - `--${boundary}--\r\n`.length;
      return {
        label: 'file part twice',
        contentType,
        body: Buffer.concat([body.subarray(0, at), twice, body.subarray(at)]),
      };
    },
    () => ({ label: 'random bytes', contentType, body: random.bytes(1 + random.int(4000)) }),
    () => {
      const renamed = Buffer.from(body.toString('latin1').replace('name="file"', `name="${random.alnum(6)}"`), 'latin1');
      return { label: 'the file part under another name', contentType, body: renamed };
    },
    () => {
      const inner = '----inner' + random.alnum(8);
      // Bytes that are no document (a NUL rules out text): refused as a type that cannot be faxed.
      const nested = Buffer.concat([
        Buffer.from(`--${inner}\r\nContent-Type: application/octet-stream\r\n\r\n`),
        Buffer.from([0, 1, 2, 3]),
        random.bytes(200),
        Buffer.from(`\r\n--${inner}--\r\n`),
      ]);
      const headers = ['Content-Disposition: form-data; name="file"; filename="a.pdf"', `Content-Type: multipart/mixed; boundary=${inner}`];
      const nestedForm = Buffer.concat([
        part(boundary, toHeaders, Buffer.from(to)),
        part(boundary, headers, nested),
        Buffer.from(`--${boundary}--\r\n`),
      ]);
      return { label: 'a nested multipart/mixed body instead of a document', contentType, body: nestedForm };
    },
  ];
  return random.pick(breakages)();
}
