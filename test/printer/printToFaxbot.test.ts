// The whole path: `lp -d` to the Faxbot printer in a real CUPS, cups-pdf, the hook, and a real
// `faxbot serve` watching the folder. A title with a number goes straight to the queue and
// ends in sent/; a document without one waits on the Send screen.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installPrinter, removePrinter, type PrinterLayout } from '../../main/printer';
import { startFaxbot, type CliRun } from '../headless/cliRunner';
import { FAST_SIMULATOR_ENV } from '../headless/fixtures';
import { cupsUnavailable, useCups, type CupsSession } from '../support/cupsd';
import { makeTestPdf } from '../support/pdfs';
import { printFile, waitFor } from './printerFolders';

const HOT_FOLDER = existsSync(join(import.meta.dirname, '../../main/engine/hotfolder/index.ts'));
const skip = cupsUnavailable() ?? (HOT_FOLDER ? null : 'the watched folder (main/engine/hotfolder) is not there yet');
if (skip) console.warn(`print-to-Faxbot tests skipped: ${skip}`);

interface Rpc {
  <T>(operation: string, input?: unknown): Promise<T>;
}

describe.skipIf(skip !== null)('printing to Faxbot with faxbot serve watching the folder', { timeout: 120_000 }, () => {
  let cups: CupsSession;
  let base: string;
  let watch: string;
  let serve: CliRun;
  let rpc: Rpc;
  let layout: PrinterLayout;
  const host = { platform: 'linux' as const, uid: 0, env: {} };

  beforeAll(async () => {
    cups = await useCups();
    base = await mkdtemp(join(tmpdir(), 'faxbot-print-send-'));
    watch = join(base, 'Outbox');
    // Its own queue, so it never meets the queue the install tests add and remove.
    layout = {
      queue: 'FaxbotSendTest',
      instance: 'faxbotsendtest',
      cupsConfDir: '/etc/cups',
      hookPath: join(base, 'hook', 'faxbot-printer-hook'),
      spoolDir: '/var/spool/cups-pdf/faxbotsendtest',
      backendPath: '/usr/lib/cups/backend/cups-pdf',
      ppdCandidates: ['/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd'],
    };
    await installPrinter({ host, layout, folder: watch });
    serve = startFaxbot(['serve', '--port', '0', '--data-dir', join(base, 'data')], {
      ...FAST_SIMULATOR_ENV,
      FAXBOT_WATCH_DIR: watch,
      FAXBOT_WATCH_AUTOSEND: 'true',
    });
    const [, url, token] = await serve.waitForOutput(/Faxbot is running: (http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)\n/);
    rpc = async <T>(operation: string, input: unknown = {}) => {
      const reply = await fetch(`${url}/rpc/${operation}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      const body = (await reply.json()) as { ok?: boolean; result?: T; error?: { message: string } } & T;
      if (!reply.ok) throw new Error(`${operation}: ${reply.status} ${JSON.stringify(body)}`);
      return (body.result ?? body) as T;
    };
  });

  afterAll(async () => {
    if (serve) {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
    if (layout) await removePrinter({ host, layout });
    await rm(layout.spoolDir, { recursive: true, force: true });
    await rm(base, { recursive: true, force: true });
    await cups?.release();
  });

  it('faxes a document whose title gives the number, and moves it to sent/', async () => {
    const pdf = join(base, 'referral.pdf');
    writeFileSync(pdf, await makeTestPdf(2, 'Referral'));
    printFile(layout.queue, pdf, 'fax to +1 202 555 0143 - referral');
    const sent = await waitFor(
      'the printed file in sent/',
      () => {
        const names = existsSync(join(watch, 'sent')) ? readdirSync(join(watch, 'sent')).filter((name) => name.endsWith('.pdf')) : [];
        return names.length > 0 && names;
      },
      60_000,
    );
    expect(sent[0]).toContain('fax to +1 202 555 0143 - referral');
    const jobs = await rpc<{ items: { to: string; status: string; pages?: number }[] }>('listJobs', {});
    expect(jobs.items).toHaveLength(1);
    expect(jobs.items[0]!.to.replace(/\D/g, '')).toBe('12025550143');
    expect(jobs.items[0]!.status).toBe('delivered');
  });

  it('puts a printed document without a number on the Send screen', async () => {
    const text = join(base, 'intake form.txt');
    writeFileSync(text, 'New patient intake form\n');
    printFile(layout.queue, text);
    const waiting = await pollAsync(async () => {
      const hot = await rpc<{ waiting: { to: string; documents: { fileName: string; pages: number }[] }[] }>('getHotFolder', {});
      return hot.waiting.find((pickup) => pickup.documents.some((doc) => doc.fileName.includes('intake form'))) ?? null;
    });
    expect(waiting.to).toBe('');
    expect(waiting.documents[0]!.pages).toBe(1);
  });
});

/** waitFor for checks that ask the engine over HTTP. */
async function pollAsync<T>(check: () => Promise<T | null>, limitMs = 30_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting for the engine');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
