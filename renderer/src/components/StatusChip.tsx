import type { FaxJob } from '../../../shared/model';
import { jobChip } from '../format';

export function StatusChip({ job }: { job: FaxJob }) {
  const chip = jobChip(job);
  return (
    <span className={`chip chip-${chip.tone}`} data-status={job.status}>
      {chip.text}
    </span>
  );
}
