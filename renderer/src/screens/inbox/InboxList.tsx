// The received faxes as a listbox (WAI-ARIA): one Tab stop, ↑/↓ move the selection (and
// open and mark read), aria-activedescendant names the open fax. Only the rows on screen
// exist; pages load as the person scrolls or steps past the last one loaded.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useDesk, useSlice } from '../../deskContext';
import { VirtualList, type VirtualListHandle } from '../../components/virtualList';
import { formatFaxTime, pagesLabel } from '../../format';
import { formatFaxNumber } from '../../../../shared/faxNumber';
import { documentExpiredMessage, inboundSenderName } from '../../../../shared/model';
import { useToday } from '../../format/useToday';
import { rowLabel, senderOf } from './faxWords';

/** Fixed, so the rows on screen follow from the scroll offset alone (see rowWindow). */
export const INBOX_ROW_HEIGHT = 58;
/** Load the next page this many rows before the loaded ones run out. */
const LOAD_AHEAD = 60;
const PAGE_STEP = 10;

export const rowDomId = (id: string) => `inbox-fax-${id}`;

export function InboxList() {
  const desk = useDesk();
  const ids = useSlice(desk.inbox, (s) => s.ids);
  const faxes = useSlice(desk.inbox, (s) => s.faxes);
  const total = useSlice(desk.inbox, (s) => s.total);
  const selectedId = useSlice(desk.inbox, (s) => s.selectedId);
  const country = desk.defaultCountry();
  const list = useRef<VirtualListHandle>(null);
  // Re-read at midnight: yesterday's faxes then show their date, not only their time.
  const today = useToday();
  const rowCount = Math.max(total, ids.length);
  const selectedIndex = selectedId ? ids.indexOf(selectedId) : -1;

  useEffect(() => {
    if (selectedIndex >= 0) list.current?.scrollToIndex(selectedIndex);
  }, [selectedIndex]);

  const onRangeChange = (_first: number, end: number) => {
    const { ids: loaded, nextCursor } = desk.inbox.getState();
    if (nextCursor && end + LOAD_AHEAD > loaded.length) void desk.inbox.getState().loadThrough(end + LOAD_AHEAD);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: PAGE_STEP, PageUp: -PAGE_STEP };
    const inbox = desk.inbox.getState();
    if (e.key in steps) {
      e.preventDefault();
      void inbox.step(steps[e.key]);
    } else if (e.key === 'Home' && inbox.ids.length > 0) {
      e.preventDefault();
      void inbox.select(inbox.ids[0]);
    } else if (e.key === 'End' && inbox.total > 0) {
      // The oldest fax: the pages on the way are loaded first, then it is selected.
      e.preventDefault();
      void inbox.step(inbox.total);
    }
  };

  const renderRow = (index: number) => {
    const fax = index < ids.length ? faxes[ids[index]] : undefined;
    if (!fax) {
      return (
        <div
          role="option"
          aria-selected={false}
          aria-disabled="true"
          aria-posinset={index + 1}
          aria-setsize={rowCount}
          className="inbox-row inbox-row-loading"
        >
          Loading…
        </div>
      );
    }
    const selected = fax.id === selectedId;
    return (
      <div
        id={rowDomId(fax.id)}
        role="option"
        aria-selected={selected}
        aria-posinset={index + 1}
        aria-setsize={rowCount}
        aria-label={rowLabel(fax, country, today)}
        data-fax-id={fax.id}
        className={`inbox-row ${fax.read ? '' : 'unread'}`}
        onClick={() => void desk.inbox.getState().select(fax.id)}
      >
        <span className="unread-dot" aria-hidden="true">
          {fax.read ? '' : '●'}
        </span>
        <span className="row-who">
          <span className="row-name">{senderOf(fax, country)}</span>{' '}
          <span className="row-sub">
            {inboundSenderName(fax) && fax.from ? formatFaxNumber(fax.from, country) : `to ${formatFaxNumber(fax.to, country)}`}
          </span>
        </span>{' '}
        <span className="row-time">{formatFaxTime(fax.receivedAt, today)}</span>{' '}
        <span className="row-pages">
          {pagesLabel(fax.pages)}
          {fax.documentExpired && (
            <span className="expired-marker" title={documentExpiredMessage(fax.documentExpired)}>
              {' '}
              · Document expired
            </span>
          )}
        </span>
      </div>
    );
  };

  return (
    <VirtualList
      ref={list}
      role="listbox"
      aria-label="Received faxes"
      aria-activedescendant={selectedIndex >= 0 ? rowDomId(selectedId!) : undefined}
      tabIndex={0}
      className="inbox-list"
      rowCount={rowCount}
      rowHeight={INBOX_ROW_HEIGHT}
      renderRow={renderRow}
      onRangeChange={onRangeChange}
      onKeyDown={onKeyDown}
      data-rows={rowCount}
    />
  );
}
