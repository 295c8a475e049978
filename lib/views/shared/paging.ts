/** Paging shared by the views' list queries: page sizes, directions and the page itself. */

export const DEFAULT_PAGE_LIMIT = 25;
export const MAX_PAGE_LIMIT = 100;

export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** A page of results; `nextCursor` is null on the last page. */
export type Page<T> = { items: T[]; nextCursor: string | null };

export const clampLimit = (limit: number) => Math.min(Math.max(Math.trunc(limit) || 1, 1), MAX_PAGE_LIMIT);
