// `faxbot audit verify`: walks the audit log's hash chain in the data folder, holds its end
// against the head file beside it, checks every fax change has its entry, and says in words
// what it found and what to do (what that can and cannot find: main/engine/audit/auditChain.ts).
// Reads only, so it also runs while Faxbot does.
// `faxbot audit re-anchor`: a person accepts the log as it is now, after finding out why its
// head was lost or no longer matches; recorded as its own entry. Needs Faxbot stopped.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { createLogger } from '../engine';
import { AuditLog, checkAuditCoverage, coveredSentence, missingEntriesSentence, readAuditHead, verifyAuditChain } from '../engine/audit';
import { openDatabase } from '../engine/database';
import { lockDataFolder } from '../engine/dataFolderLock';
import { CliError, UsageError, type CliIo } from './cliIo';
import { configFor } from './engineSession';
import { AUDIT_HELP } from './usage';

export async function auditCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { 'data-dir': { type: 'string' }, reason: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
  if (values.help) {
    io.stdout(AUDIT_HELP);
    return 0;
  }
  const action = positionals.length === 1 ? positionals[0] : '';
  if (action !== 'verify' && action !== 're-anchor')
    throw new UsageError('Say what to do with the audit log: faxbot audit verify, or faxbot audit re-anchor --reason "…".', 'audit');
  const config = configFor(io, { dataDir: values['data-dir'] });
  const file = join(config.dataDir, 'faxbot.sqlite');
  if (!existsSync(file)) throw new CliError(`There is no Faxbot data in ${config.dataDir}: check --data-dir or FAX_DATA_DIR.`);
  return action === 'verify' ? verify(io, config.dataDir, file) : reanchor(io, config.dataDir, values.reason);
}

function verify(io: CliIo, dataDir: string, file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    let verdict;
    try {
      verdict = verifyAuditChain(db, dataDir);
    } catch (error) {
      throw new CliError(
        `The audit log in ${dataDir} could not be read (${(error as Error).message}): start this version of Faxbot on it once to bring it up to date.`,
      );
    }
    if (!verdict.ok) {
      io.stderr(
        `Audit log BROKEN at entry #${verdict.brokenAt}: ${verdict.reason}. ${verdict.entries} entries checked.\n\n${nextSteps(dataDir)}\n`,
      );
      return 1;
    }
    const coverage = checkAuditCoverage(db);
    const missing = missingEntriesSentence(coverage);
    if (missing) {
      io.stderr(`Audit log INCOMPLETE: its ${verdict.entries} entries are chained intact, but ${missing}.\n\n${nextSteps(dataDir)}\n`);
      return 1;
    }
    const legacy = verdict.unchained ? ` (${verdict.unchained} earlier entries predate the chain and are not checked)` : '';
    io.stdout(
      `Audit log intact: ${verdict.entries} entries, each chained to the one before, none removed from the end${legacy}. ${coveredSentence(coverage)}\n`,
    );
    return 0;
  } finally {
    db.close();
  }
}

/** What a person does about a broken log: keep the evidence, find out why, then accept it deliberately if they must. */
function nextSteps(dataDir: string): string {
  const head = readAuditHead(dataDir);
  const lost =
    head.state !== 'present'
      ? ' If the head file was lost for a known reason (the folder restored from a backup or copied without it),'
      : ' Once you know why,';
  return (
    `What to do: keep a copy of the data folder ${dataDir} as it is now, for whoever investigates.` +
    `${lost} stop Faxbot and run \`faxbot audit re-anchor --data-dir ${dataDir} --reason "…"\`: it accepts the log as it is from now on ` +
    'and records that you did, with your reason. Entries found edited stay reported.'
  );
}

function reanchor(io: CliIo, dataDir: string, reason: string | undefined): number {
  const why = reason?.trim();
  if (!why)
    throw new UsageError(
      'Say why the log is accepted as it is: faxbot audit re-anchor --reason "restored from last night\'s backup".',
      'audit',
    );
  if (why.length > 500) throw new UsageError('Keep the reason under 500 characters.', 'audit');
  let lock;
  try {
    lock = lockDataFolder(dataDir);
  } catch (error) {
    throw new CliError(`${(error as Error).message} Re-anchoring needs Faxbot stopped, so nothing is written meanwhile.`);
  }
  const db = openDatabase({ dataDir });
  try {
    const audit = new AuditLog({ db, dataDir, logger: createLogger({ level: 'error', write: () => undefined }) });
    const { seq, headWas } = audit.reanchor('cli', why);
    const was = headWas === 'missing' ? 'was missing' : headWas === 'unreadable' ? 'could not be read' : `named entry ${headWas}`;
    io.stdout(
      `Audit log re-anchored at entry #${seq} ("Audit log re-anchored", with your reason). The head ${was}; it now names #${seq}.\n`,
    );
    return 0;
  } finally {
    db.close();
    lock.release();
  }
}
