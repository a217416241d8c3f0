// The scrolling box of a long list: a spacer as tall as every row together gives the scroll
// bar its true size, and only the rows in view (plus a few) exist in the DOM, each placed
// at index × rowHeight.
import { useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, type HTMLAttributes, type ReactNode, type Ref } from 'react';
import { rowWindow, scrollToShow } from './rowWindow';

export interface VirtualListHandle {
  /** Scrolls just enough to show row `index` whole. */
  scrollToIndex(index: number): void;
}

export interface VirtualListProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children' | 'onScroll'> {
  rowCount: number;
  rowHeight: number;
  renderRow(index: number): ReactNode;
  /** Called with the rows drawn, whenever they change (the list loads more from here). */
  onRangeChange?(first: number, end: number): void;
  ref?: Ref<VirtualListHandle>;
}

export function VirtualList({ rowCount, rowHeight, renderRow, onRangeChange, ref, className, ...box }: VirtualListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(0);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    setViewportHeight(element.clientHeight);
    const observer = new ResizeObserver(() => setViewportHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useImperativeHandle(
    ref,
    () => ({
      scrollToIndex(index) {
        const element = scroller.current;
        if (!element) return;
        const target = scrollToShow(index, element.scrollTop, element.clientHeight, rowHeight);
        if (target !== null) {
          element.scrollTop = target;
          setScrollTop(element.scrollTop);
        }
      },
    }),
    [rowHeight],
  );

  const { first, end, totalHeight } = rowWindow({ scrollTop, viewportHeight, rowHeight, rowCount });
  useEffect(() => {
    onRangeChange?.(first, end);
    // The callback is a fresh closure each render; the range is what matters.
  }, [first, end]);

  const rows: ReactNode[] = [];
  for (let index = first; index < end; index++) {
    rows.push(
      <div key={index} role="none" className="virtual-row" style={{ top: index * rowHeight, height: rowHeight }}>
        {renderRow(index)}
      </div>,
    );
  }
  return (
    <div {...box} ref={scroller} className={`virtual-list ${className ?? ''}`} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <div role="none" className="virtual-spacer" style={{ height: totalHeight }}>
        {rows}
      </div>
    </div>
  );
}
