// On Send, what the watched printer folder needs a person for: a folder that cannot be
// watched (said in words), and "printed twice — fax it again?" questions with the answers.
import { DeskMessage } from '../components/DeskMessage';
import type { HotFolderQuestion } from '../../../shared/model';
import { useDesk, useSlice } from '../deskContext';

// One empty list for every render: a fresh [] each time would look like a change to the store hook.
const NO_QUESTIONS: HotFolderQuestion[] = [];

export function PrintedNotices() {
  const desk = useDesk();
  const problem = useSlice(desk.printed, (s) => s.status?.problem ?? null);
  const questions = useSlice(desk.printed, (s) => s.status?.questions ?? NO_QUESTIONS);
  if (!problem && questions.length === 0) return null;
  return (
    <div className="printed-notices">
      {problem && (
        <div className="banner banner-problem" role="alert" data-testid="watched-folder-problem">
          <DeskMessage text={problem} />
        </div>
      )}
      {questions.map((q) => (
        <div key={q.fileId} className="banner banner-question" role="alertdialog" aria-label={`${q.fileName} was printed twice`}>
          <span>{q.question}</span>
          <button type="button" onClick={() => void desk.printed.getState().answer(q.fileId, true)}>
            Fax it again
          </button>
          <button type="button" className="link" onClick={() => void desk.printed.getState().answer(q.fileId, false)}>
            Don’t fax
          </button>
        </div>
      ))}
    </div>
  );
}
