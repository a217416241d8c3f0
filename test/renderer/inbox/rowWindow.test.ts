import { describe, expect, it } from 'vitest';
import { rowWindow, scrollToShow } from '../../../renderer/src/components/virtualList';

const base = { viewportHeight: 580, rowHeight: 58, rowCount: 100_000, overscan: 4 };

describe('which rows the Inbox draws for a scroll offset', () => {
  it('draws the rows in view plus a few, at the top', () => {
    expect(rowWindow({ ...base, scrollTop: 0 })).toEqual({ first: 0, end: 14, totalHeight: 5_800_000 });
  });

  it('draws the same number of rows deep in a list of 100,000', () => {
    const w = rowWindow({ ...base, scrollTop: 58 * 50_000 + 29 });
    expect(w.first).toBe(50_000 - 4);
    expect(w.end).toBe(50_000 + 11 + 4);
    expect(w.end - w.first).toBeLessThan(30);
  });

  it('ends at the last row when scrolled to the bottom, even past it (elastic scrolling)', () => {
    const bottom = rowWindow({ ...base, scrollTop: 5_800_000 - 580 });
    expect(bottom.end).toBe(100_000);
    expect(rowWindow({ ...base, scrollTop: 9e9 }).end).toBe(100_000);
    expect(rowWindow({ ...base, scrollTop: 9e9 }).first).toBeGreaterThan(99_980);
  });

  it('draws nothing for an empty list, and survives nonsense numbers', () => {
    expect(rowWindow({ ...base, rowCount: 0, scrollTop: 100 })).toEqual({ first: 0, end: 0, totalHeight: 0 });
    for (const bad of [NaN, -500, Infinity, -Infinity]) {
      const w = rowWindow({ ...base, scrollTop: bad, rowCount: 10 });
      expect(w.first).toBeGreaterThanOrEqual(0);
      expect(w.end).toBeLessThanOrEqual(10);
      expect(w.end).toBeGreaterThan(w.first);
    }
    expect(rowWindow({ ...base, rowCount: -3, scrollTop: 0 }).end).toBe(0);
    expect(rowWindow({ ...base, rowCount: NaN, scrollTop: 0 }).end).toBe(0);
    // A zero-height viewport (not laid out yet) still draws the first row.
    expect(rowWindow({ ...base, viewportHeight: 0, scrollTop: 0, overscan: 0 })).toMatchObject({ first: 0, end: 1 });
    expect(rowWindow({ ...base, rowHeight: 0, scrollTop: 0, rowCount: 5 }).totalHeight).toBe(5);
  });

  it('scrolls just enough to show a row, and not at all when it is in view', () => {
    expect(scrollToShow(3, 0, 580, 58)).toBeNull();
    expect(scrollToShow(10, 0, 580, 58)).toBe(58);
    expect(scrollToShow(2, 580, 580, 58)).toBe(116);
  });
});
