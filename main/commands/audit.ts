// `faxbot audit verify`: walks the audit log's hash chain in the data folder, holds its end
// against the head file beside it, and says whether any entry was edited or removed (what
// that can and cannot find: main/engine/audit/auditChain.ts). Reads only, so it also runs
// while Faxbot does.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { checkAuditCoverage, coveredSentence, missingEntriesSentence, verifyAuditChain } from '../engine/audit';
import { CliError, UsageError, type CliIo } from './cliIo';
import { configFor } from './engineSession';
import { AUDIT_HELP } from './usage';

export async function auditCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
  if (values.help) {
    io.stdout(AUDIT_HELP);
    return 0;
  }
  if (positionals.length !== 1 || positionals[0] !== 'verify')
    throw new UsageError('Say what to do with the audit log: faxbot audit verify.', 'audit');
  const config = configFor(io, { dataDir: values['data-dir'] });
  const file = join(config.dataDir, 'faxbot.sqlite');
  if (!existsSync(file)) throw new CliError(`There is no Faxbot data in ${config.dataDir}: check --data-dir or FAX_DATA_DIR.`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    let verdict;
    try {
      verdict = verifyAuditChain(db, config.dataDir);
    } catch (error) {
      throw new CliError(
        `The audit log in ${config.dataDir} could not be read (${(error as Error).message}): start this version of Faxbot on it once to bring it up to date.`,
      );
    }
    if (!verdict.ok) {
      io.stderr(`Audit log BROKEN at entry #${verdict.brokenAt}: ${verdict.reason}. ${verdict.entries} entries read.\n`);
      return 1;
    }
    const coverage = checkAuditCoverage(db);
    const missing = missingEntriesSentence(coverage);
    if (missing) {
      io.stderr(
        `Audit log INCOMPLETE: its ${verdict.entries} entries are chained intact, but ${missing}. Keep a copy of the data folder and tell whoever looks after this computer.\n`,
      );
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
