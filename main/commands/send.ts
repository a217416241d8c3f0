// `faxbot send`: the engine runs in this process on the data folder, so the fax goes out
// through the configured provider exactly as from the window.
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { OperationInput, OperationName, OperationResult } from '../../shared/contract';
import { checkFaxNumber } from '../../shared/faxNumber';
import { isFinalStatus } from '../../shared/jobState';
import type { FaxJob } from '../../shared/model';
import { isFaxError } from '../../shared/errors';
import { dispatch, type Engine, type EngineConfig } from '../engine';
import { DEFAULT_SETTINGS } from '../engine/settings';
import { CliError, UsageError, type CliIo } from './cliIo';
import { configFor, openEngine } from './engineSession';
import { SEND_HELP } from './usage';

const MIB = 1024 * 1024;
/** Exit code after Ctrl+C, as shells report it. */
const STOPPED_EXIT_CODE = 130;

async function call<N extends OperationName>(engine: Engine, name: N, input: OperationInput<N>): Promise<OperationResult<N>> {
  const reply = await dispatch(engine, name, input);
  if (!reply.ok) throw new CliError(reply.error.message);
  return reply.result as OperationResult<N>;
}

async function readFaxFile(io: CliIo, file: string, maxFileSizeMb: number): Promise<{ fileName: string; contentBase64: string }> {
  const path = resolve(io.cwd, file);
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new CliError(`Cannot find ${file}: check the file name and folder.`);
  }
  if (info.isDirectory()) throw new CliError(`${file} is a folder: name the files in it to send them.`);
  // Checked before reading, so a huge file is refused without loading it into memory.
  if (info.size > maxFileSizeMb * MIB) {
    throw new CliError(`${file} is ${(info.size / MIB).toFixed(1)} MB: a file can be up to ${maxFileSizeMb} MB (MAX_FILE_SIZE_MB).`);
  }
  try {
    return { fileName: basename(path), contentBase64: (await readFile(path)).toString('base64') };
  } catch (error) {
    throw new CliError(
      `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (error as Error).message}.`,
    );
  }
}

/** The checks the engine would make, with a new data folder's settings (DEFAULT_SETTINGS). */
async function checkBeforeFirstStart(
  to: string,
  files: { fileName: string; contentBase64: string }[],
  config: EngineConfig,
): Promise<void> {
  const number = checkFaxNumber(to, DEFAULT_SETTINGS.defaultCountry);
  if (!number.ok) throw new CliError(number.message);
  const { normalizeDocument } = await import('../engine/imaging');
  const limits = { maxBytes: config.maxFileSizeMb * MIB, maxPages: config.maxPages };
  for (const file of files) {
    try {
      await normalizeDocument(
        { fileName: file.fileName, bytes: new Uint8Array(Buffer.from(file.contentBase64, 'base64')) },
        { paperSize: DEFAULT_SETTINGS.paperSize, limits },
      );
    } catch (error) {
      if (isFaxError(error)) throw new CliError(error.message, 1, { cause: error });
      throw error;
    }
  }
}

function describe(job: FaxJob): string {
  if (job.status === 'queued' && job.lastError) {
    const at = job.nextAttemptAt ? ` Next attempt at ${new Date(job.nextAttemptAt).toLocaleTimeString()}.` : '';
    return `waiting to retry: ${job.lastError.message}${at}`;
  }
  if (job.status === 'sending' && job.pagesSent) return `sending page ${job.pagesSent} of ${job.pages}`;
  if (job.status === 'delivered') return `delivered, ${job.pages} ${job.pages === 1 ? 'page' : 'pages'}`;
  return job.status;
}

/** The provider has the fax (or it already ended, or waits for a retry): nothing is lost by exiting now. */
function handedOver(job: FaxJob): boolean {
  return (
    isFinalStatus(job.status) || (job.status === 'sending' && job.providerFaxId !== null) || (job.status === 'queued' && job.attempts > 0)
  );
}

/** Resolves with the job once `done` holds for it; null if the user stopped waiting. */
function waitForJob(
  io: CliIo,
  engine: Engine,
  seen: Map<string, FaxJob>,
  jobId: string,
  first: FaxJob,
  done: (job: FaxJob) => boolean,
): Promise<FaxJob | null> {
  return new Promise((resolvePromise) => {
    let last = describe(first);
    const onStop = () => finish(null);
    const check = (job: FaxJob) => {
      const line = describe(job);
      if (line !== last) io.stdout(`Fax ${jobId}: ${line}\n`);
      last = line;
      if (done(job)) finish(job);
    };
    const unsubscribe = engine.on((event, payload) => {
      if (event === 'jobChanged' && (payload as FaxJob).id === jobId) check(payload as FaxJob);
    });
    function finish(job: FaxJob | null) {
      unsubscribe();
      io.stop.removeEventListener('abort', onStop);
      resolvePromise(job);
    }
    io.stop.addEventListener('abort', onStop, { once: true });
    if (io.stop.aborted) return finish(null);
    // Events that arrived between sendFax and this listener were kept in `seen`.
    check(seen.get(jobId) ?? first);
  });
}

/** A cover page template by its name (any case) or id, as Settings → Cover pages lists them. */
async function templateNamed(engine: Engine, wanted: string): Promise<string> {
  const { items } = await call(engine, 'listCoverTemplates', {});
  const key = wanted.trim().toLowerCase();
  const found = items.find((t) => t.id === wanted.trim() || t.name.toLowerCase() === key);
  if (!found)
    throw new CliError(
      `There is no cover page template "${wanted.slice(0, 80)}". The templates are: ${items.map((t) => t.name).join(', ')} (Settings → Cover pages).`,
    );
  return found.id;
}

export async function sendCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      to: { type: 'string' },
      name: { type: 'string' },
      cover: { type: 'boolean' },
      subject: { type: 'string' },
      notes: { type: 'string' },
      template: { type: 'string' },
      wait: { type: 'boolean' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  });
  if (values.help) {
    io.stdout(SEND_HELP);
    return 0;
  }
  if (!values.to) throw new UsageError('Say where the fax goes: --to NUMBER.', 'send');
  if (positionals.length === 0) throw new UsageError('Name at least one file to send: faxbot send --to NUMBER FILE...', 'send');

  const config = configFor(io, { dataDir: values['data-dir'] });
  // Files first: a typo in a path is the commonest mistake, and it needs no engine.
  const files = [];
  for (const file of positionals) files.push(await readFaxFile(io, file, config.maxFileSizeMb));
  // A first send on a new data folder is checked in full before the engine makes the folder
  // and its keys, so a refused one leaves nothing behind. An existing folder keeps its own
  // country and paper, which the engine knows: it checks them below as always.
  if (!existsSync(join(config.dataDir, 'faxbot.sqlite'))) await checkBeforeFirstStart(values.to, files, config);

  const engine = await openEngine(io, config, 'warn', { auditActor: 'cli' });
  // Every job event from now on, so none is missed between sendFax answering and --wait listening.
  const seen = new Map<string, FaxJob>();
  const stopRecording = engine.on((event, payload) => {
    if (event === 'jobChanged') seen.set((payload as FaxJob).id, payload as FaxJob);
  });
  const staged: string[] = [];
  try {
    const settings = await call(engine, 'getSettings', {});
    const number = checkFaxNumber(values.to, settings.defaultCountry);
    if (!number.ok) throw new CliError(number.message);
    const templateId = values.template === undefined ? null : await templateNamed(engine, values.template);

    for (const file of files) {
      const document = await call(engine, 'stageDocument', file);
      staged.push(document.documentId);
      io.stdout(`${document.fileName}: ${document.pages} ${document.pages === 1 ? 'page' : 'pages'} (${document.kind})\n`);
    }
    const wantsCover = Boolean(values.cover || values.subject !== undefined || values.notes !== undefined || values.template !== undefined);
    const job = await call(engine, 'sendFax', {
      to: values.to,
      recipientName: values.name ?? '',
      documentIds: staged,
      cover: wantsCover ? { subject: values.subject ?? '', notes: values.notes ?? '', templateId } : null,
    });
    staged.length = 0;
    const pages = `${job.pages} ${job.pages === 1 ? 'page' : 'pages'}${wantsCover ? ' with the cover page' : ''}`;
    io.stdout(
      `Fax ${job.id} to ${number.international}${job.recipientName ? ` (${job.recipientName})` : ''}, ${pages}: ${describe(job)}\n`,
    );

    if (!values.wait) {
      // Stay until the provider has the fax, so it really leaves; its result is recorded
      // the next time Faxbot runs on this data folder.
      const handed = await waitForJob(io, engine, seen, job.id, job, handedOver);
      if (!handed) {
        io.stderr(`Stopped. Fax ${job.id} stays in the queue and goes out the next time Faxbot runs on ${config.dataDir}.\n`);
        return STOPPED_EXIT_CODE;
      }
      if (handed.status === 'failed') {
        io.stderr(`Fax ${job.id} failed: ${handed.lastError?.message ?? 'no reason was given'}\n`);
        return 1;
      }
      if (handed.status !== 'delivered') {
        io.stdout(
          `Handed over; its result is recorded the next time Faxbot runs on ${config.dataDir}. Add --wait to stay until it is delivered.\n`,
        );
      }
      return 0;
    }
    const final = await waitForJob(io, engine, seen, job.id, job, (j) => isFinalStatus(j.status));
    if (!final) {
      io.stderr(`Stopped waiting. Fax ${job.id} stays in the queue and continues the next time Faxbot runs.\n`);
      return STOPPED_EXIT_CODE;
    }
    if (final.status === 'delivered') return 0;
    io.stderr(
      `Fax ${job.id} ${final.status === 'canceled' ? 'was canceled' : 'failed'}: ${final.lastError?.message ?? 'no reason was given'}\n`,
    );
    return 1;
  } finally {
    stopRecording();
    // A fax that never became a job leaves nothing behind.
    for (const documentId of staged) await dispatch(engine, 'discardStagedDocument', { documentId });
    await engine.close();
  }
}
