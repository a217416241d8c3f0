// Print to Faxbot: the time from the printer finishing a file (renamed into the watched folder,
// then its `.done` marker, as the printer hook does) to the document staged on the Send screen,
// seen as the hotFolderPickup event reaching an SSE client of a real `faxbot serve`.
import { mkdtempSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { startServe } from './headlessProcess';
import { result, type BenchResult } from './stats';

const PICKUPS = 100;

async function letter(n: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([612, 792]).drawText(`Referral letter number ${n}`, { x: 72, y: 700, size: 14, font });
  return doc.save();
}

/** Reads the server's event stream and resolves each waiter when its file's pickup arrives. */
async function pickupStream(url: URL, token: string) {
  const waiters = new Map<string, () => void>();
  const abort = new AbortController();
  const response = await fetch(new URL(`/events?token=${token}`, url), { signal: abort.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!frame.startsWith('event: hotFolderPickup')) continue;
        const payload = JSON.parse(frame.slice(frame.indexOf('data: ') + 6)) as { documents: { fileName: string }[] };
        for (const doc of payload.documents) waiters.get(doc.fileName)?.();
      }
    }
  })();
  return {
    waitFor: (fileName: string) => new Promise<void>((resolve) => waiters.set(fileName, resolve)),
    close: () => abort.abort(),
  };
}

export async function benchHotFolder(): Promise<BenchResult[]> {
  const folder = join(mkdtempSync(join(tmpdir(), 'faxbot-bench-hot-')), 'Outbox');
  const serve = await startServe({ FAXBOT_WATCH_DIR: folder });
  const stream = await pickupStream(serve.url, serve.token);
  const times: number[] = [];
  try {
    const letters = await Promise.all(Array.from({ length: PICKUPS }, (_, i) => letter(i)));
    for (let i = 0; i < PICKUPS; i++) {
      const name = `referral ${i}.pdf`;
      const hidden = join(folder, `.${name}.part`);
      await writeFile(hidden, letters[i]);
      const arrived = stream.waitFor(name);
      const start = performance.now();
      await rename(hidden, join(folder, name));
      await writeFile(join(folder, `${name}.done`), '');
      await arrived;
      times.push(performance.now() - start);
    }
  } finally {
    stream.close();
    await serve.stop();
  }
  const worst = Math.max(...times);
  const sorted = [...times].sort((a, b) => a - b);
  return [
    result(
      'printed file to Send screen (rename + .done marker)',
      'ms',
      times,
      `median of ${PICKUPS}; worst ${worst.toFixed(0)} ms; p95 ${sorted[Math.ceil(0.95 * sorted.length) - 1].toFixed(0)} ms; default poll 1 s, fs.watch hint`,
    ),
    result('printed file to Send screen, worst', 'ms', [worst], `worst of ${PICKUPS}`),
  ];
}
