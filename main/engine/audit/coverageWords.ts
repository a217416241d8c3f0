// The coverage check in words, the same for `faxbot audit verify` and Settings → Audit.
import { describeAction } from './auditWords';
import type { CoverageVerdict } from './auditCoverage';

/** A sentence saying which faxes lack their entry; null when none does (or the check cannot run yet). */
export function missingEntriesSentence(verdict: CoverageVerdict): string | null {
  if (verdict.state !== 'checked' || verdict.missingCount === 0) return null;
  const listed = verdict.missing
    .slice(0, 5)
    .map((m) => `${m.kind === 'job' ? 'sent fax' : 'received fax'} ${m.id} has no "${describeAction(m.action)}" entry`)
    .join('; ');
  const more = verdict.missingCount > 5 ? `; and ${verdict.missingCount - 5} more` : '';
  const changes = verdict.missingCount === 1 ? '1 fax state change has' : `${verdict.missingCount} fax state changes have`;
  return `${changes} no audit entry (${listed}${more}). Faxbot writes each change and its entry together, so the database was changed outside Faxbot`;
}

/** What the coverage check found, for a log whose chain is intact. */
export function coveredSentence(verdict: CoverageVerdict): string {
  if (verdict.state === 'not_available')
    return 'The check that every fax has its entry runs once this version of Faxbot has opened this data folder.';
  return `Every fax sent, delivered, failed, canceled and received has its entry (${verdict.checked} changes checked).`;
}
