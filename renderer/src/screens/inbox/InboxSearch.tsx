// Search the Inbox by number (or name) and by the days it was received.
import { useEffect, useId, useState } from 'react';
import { useDesk, useSlice } from '../../deskContext';
import { isFiltered, NO_FILTER } from '../../stores';

/** Typing pauses this long before the list is asked again, so each key is not a query. */
const TYPING_PAUSE_MS = 150;

export function InboxSearch() {
  const desk = useDesk();
  const id = useId();
  const filter = useSlice(desk.inbox, (s) => s.filter);
  const filterError = useSlice(desk.inbox, (s) => s.filterError);
  const [text, setText] = useState(filter.search);

  useEffect(() => {
    if (text === desk.inbox.getState().filter.search) return;
    const timer = setTimeout(() => void desk.inbox.getState().setFilter({ search: text }), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text, desk]);

  return (
    <div className="inbox-search" role="search" aria-label="Search received faxes">
      <input
        type="search"
        aria-label="Search by number or name"
        placeholder="Search number or name"
        value={text}
        maxLength={100}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void desk.inbox.getState().setFilter({ search: text });
        }}
      />
      <div className="inbox-dates">
        <label htmlFor={`${id}-from`}>From</label>
        <input
          id={`${id}-from`}
          type="date"
          aria-label="Received from"
          value={filter.fromDay}
          onChange={(e) => void desk.inbox.getState().setFilter({ fromDay: e.target.value })}
        />
        <label htmlFor={`${id}-to`}>to</label>
        <input
          id={`${id}-to`}
          type="date"
          aria-label="Received to"
          value={filter.toDay}
          onChange={(e) => void desk.inbox.getState().setFilter({ toDay: e.target.value })}
        />
        {isFiltered(filter) && (
          <button
            type="button"
            className="link"
            onClick={() => {
              setText('');
              void desk.inbox.getState().setFilter(NO_FILTER);
            }}
          >
            Clear
          </button>
        )}
      </div>
      {filterError && (
        <p className="form-error" role="alert">
          {filterError}
        </p>
      )}
    </div>
  );
}
