// Which rows of a long list are on screen: rows all have one height, so the rows to draw
// follow from the scroll offset alone, and the list never measures 100,000 elements.

export interface RowWindowInput {
  /** Pixels scrolled from the top of the list. */
  scrollTop: number;
  /** Height of the visible part of the list, in pixels. */
  viewportHeight: number;
  rowHeight: number;
  rowCount: number;
  /** Extra rows drawn above and below, so a fast scroll does not show blank rows. */
  overscan?: number;
}

export interface RowWindow {
  /** First row to draw (inclusive). */
  first: number;
  /** Row after the last one to draw (exclusive); `first === end` draws nothing. */
  end: number;
  /** Height of the whole list, for the spacer that gives the scroll bar its size. */
  totalHeight: number;
}

export function rowWindow({ scrollTop, viewportHeight, rowHeight, rowCount, overscan = 4 }: RowWindowInput): RowWindow {
  const count = Number.isFinite(rowCount) ? Math.max(0, Math.floor(rowCount)) : 0;
  const height = rowHeight > 0 && Number.isFinite(rowHeight) ? rowHeight : 1;
  const totalHeight = count * height;
  if (count === 0) return { first: 0, end: 0, totalHeight };
  // A browser may report a scroll past the end (elastic scrolling) or below zero.
  const top = Math.min(Math.max(Number.isFinite(scrollTop) ? scrollTop : 0, 0), Math.max(totalHeight - height, 0));
  const visible = Math.max(Number.isFinite(viewportHeight) ? viewportHeight : 0, 0);
  const pad = Math.max(0, Math.floor(overscan));
  const firstVisible = Math.floor(top / height);
  const endVisible = Math.ceil((top + visible) / height);
  return {
    first: Math.max(0, firstVisible - pad),
    end: Math.min(count, Math.max(endVisible, firstVisible + 1) + pad),
    totalHeight,
  };
}

/** The scroll offset that brings row `index` fully into view, or null when it already is. */
export function scrollToShow(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number | null {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return null;
}
