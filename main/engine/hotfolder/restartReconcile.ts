// After a restart (or a crash): the ledger's rows and the files in processing/ are brought
// back into step, then the interrupted work resumes. The claim writes its row before the
// rename, so every case below is one a crash can leave (or a person copying files by hand).
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FaxJob } from '../../../shared/model';
import type { ClaimLedger, ClaimedFile } from './claimLedger';
import { REASON_ENDING, SUBFOLDERS, fileExists, reasonIsWhole, writeReason } from './folderFiles';

export interface RestartSteps {
  ledger: ClaimLedger;
  path(...parts: string[]): string;
  documentExists(id: string): boolean;
  getJob(id: string): FaxJob | null;
  finishJob(job: FaxJob): Promise<void>;
  check(file: ClaimedFile): Promise<void>;
  closeBatch(batchId: string): Promise<void>;
  /** Records a file found in processing/ with no row, with its hash. */
  adoptBytes(processingName: string): Promise<void>;
}

export async function reconcileAfterRestart(steps: RestartSteps): Promise<void> {
  const { ledger } = steps;
  let inProcessing: string[] = [];
  try {
    inProcessing = await readdir(steps.path(SUBFOLDERS.processing));
  } catch {
    return; // the folder is not there: the watcher reports it
  }
  for (const file of ledger.inState('claiming')) {
    // Renamed before the crash: claimed. Not renamed: the file is still in the folder and is claimed afresh.
    if (inProcessing.includes(file.processingName)) ledger.set(file.id, { state: 'claimed' });
    else ledger.forget(file.id);
  }
  for (const name of inProcessing) {
    if (ledger.byProcessingName(name)) continue;
    await steps.adoptBytes(name);
  }
  const open = ledger.inState('claimed', 'asking', 'ready', 'staged', 'queued');
  for (const file of open) {
    if (await fileExists(steps.path(SUBFOLDERS.processing, file.processingName))) continue;
    if (file.finalName?.endsWith('/')) {
      // Moved before the crash, not yet recorded: record it (and the reason beside it).
      const to = file.finalName === 'failed/' ? 'failed' : 'sent';
      if (to === 'failed' && file.reason && !(await reasonIsWhole(steps.path(SUBFOLDERS.failed, `${file.originalName}${REASON_ENDING}`)))) {
        await writeReason(steps.path(SUBFOLDERS.failed), file.originalName, file.reason).catch(() => undefined);
      }
      ledger.set(file.id, { state: to, finalName: `${to}/${file.originalName}` });
    } else {
      ledger.set(file.id, { state: 'failed', reason: 'The file was removed from the processing folder before it was faxed.' });
    }
  }
  await repairReasonFiles(steps);
  for (const file of ledger.inState('queued')) {
    const job = file.jobId ? steps.getJob(file.jobId) : null;
    if (job) await steps.finishJob(job);
  }
  // Staged documents older than a day are swept: those files are checked again from the start.
  for (const file of ledger.inState('ready', 'staged')) {
    if (!file.documentId || !steps.documentExists(file.documentId)) ledger.set(file.id, { state: 'claimed', documentId: null });
  }
  for (const file of ledger.inState('claimed')) await steps.check(file);
  const batches = new Set(ledger.inState('ready').map((f) => f.batchId ?? ''));
  for (const batchId of batches) await steps.closeBatch(batchId);
}

/**
 * Reason files in failed/ that a kill left empty or cut short (earlier versions wrote them in
 * place) are written again from the ledger's reason, or say that it was lost.
 */
async function repairReasonFiles(steps: RestartSteps): Promise<void> {
  const folder = steps.path(SUBFOLDERS.failed);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.endsWith(REASON_ENDING) || (await reasonIsWhole(join(folder, name)))) continue;
    const faxName = name.slice(0, -REASON_ENDING.length);
    const reason =
      steps.ledger.byFinalName(`${SUBFOLDERS.failed}/${faxName}`)?.reason ??
      'Faxbot stopped while writing down why, and the reason could not be recovered. Add the file on the Send screen to see what is wrong with it.';
    await writeReason(folder, faxName, reason).catch(() => undefined);
  }
}
