// The recipients in To besides the number being typed: one chip each (a number, a contact, a
// group with its count), removable, and the group members that will be left out, named.
import { formatFaxNumber } from '../../../shared/faxNumber';
import { useDesk, useSlice } from '../deskContext';
import type { RecipientChip } from '../stores';

function chipText(chip: RecipientChip, country: string): { name: string; detail: string } {
  if (chip.kind === 'group') return { name: chip.name, detail: chip.members === 1 ? '1 member' : `${chip.members} members` };
  const number = formatFaxNumber(chip.to, country);
  return chip.name ? { name: chip.name, detail: number } : { name: number, detail: '' };
}

export function SendRecipients({ country }: { country: string }) {
  const desk = useDesk();
  const chips = useSlice(desk.send, (s) => s.recipients);
  if (chips.length === 0) return null;
  const leftOut = chips.flatMap((chip) => (chip.kind === 'group' ? chip.leftOut : []));
  return (
    <div className="recipient-chips">
      <ul aria-label="Recipients" className="chips">
        {chips.map((chip) => {
          const { name, detail } = chipText(chip, country);
          return (
            <li key={chip.key} className={`recipient-chip recipient-chip-${chip.kind}`}>
              <span className="recipient-chip-name">{name}</span>
              {detail && <span className="recipient-chip-detail"> · {detail}</span>}
              <button
                type="button"
                className="link"
                aria-label={`Remove ${name} from To`}
                onClick={() => desk.send.getState().removeRecipient(chip.key)}
              >
                ✕
              </button>
            </li>
          );
        })}
      </ul>
      {leftOut.length > 0 && (
        <ul className="hint left-out" aria-label="Left out of this fax">
          {leftOut.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
