// The edit lists Send's page view asks the engine for (editStagedDocument): every page kept,
// in order, with one (or every) page turned a quarter to the right, or one page left out.
import type { PageEdit } from './sendStore';

const everyPage = (count: number): PageEdit[] => Array.from({ length: count }, (_, i) => ({ page: i + 1, rotate: 0 }));

/** All `count` pages, with `page` turned a quarter clockwise; every page when `page` is null. */
export function turnedPages(count: number, page: number | null): PageEdit[] {
  return everyPage(count).map((edit) => (page === null || edit.page === page ? { ...edit, rotate: 90 } : edit));
}

/** All `count` pages but `page`. */
export function withoutPage(count: number, page: number): PageEdit[] {
  return everyPage(count).filter((edit) => edit.page !== page);
}
