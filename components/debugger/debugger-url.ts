import type { EventFilter } from '@/lib/debugger/types';
import type { Zoom } from './debugger-store';

/*
 * The debugger's place in the URL: the version (`v`), and what the reader set up around it — the
 * breakpoint (`bp`), the zoom window (`zoom=from-to`) and the event filters (`q`, `type`, `actor`).
 * A reload or a shared link opens the same view. Writes keep every other parameter as it is.
 */

export type HistoryMode = 'push' | 'replace';

/** The URL with these parameters changed (null removes one); other parameters stay. */
export const withParams = (search: string, changes: Record<string, string | null>): string => {
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === '') params.delete(key);
    else params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '?';
};

/** Stepping and playback replace the entry (Back leaves the page); jumps push one (Back returns to where you were). */
export const writeUrl = (changes: Record<string, string | null>, mode: HistoryMode) => {
  const next = withParams(window.location.search, changes);
  if (next === (window.location.search || '?')) return;
  if (mode === 'push') window.history.pushState(null, '', next);
  else window.history.replaceState(null, '', next);
};

export const parseZoom = (raw: string | null): Zoom | null => {
  const match = raw ? /^(\d{1,15})-(\d{1,15})$/.exec(raw) : null;
  if (!match) return null;
  const from = Number(match[1]);
  const to = Number(match[2]);
  return from >= 1 && to > from ? { from, to } : null;
};

export const zoomParam = (zoom: Zoom | null): string | null => (zoom ? `${zoom.from}-${zoom.to}` : null);

export const filterFromParams = (params: URLSearchParams): EventFilter => {
  const filter: EventFilter = {};
  const text = params.get('q')?.trim();
  const type = params.get('type')?.trim();
  const actor = params.get('actor')?.trim();
  if (text) filter.text = text;
  if (type) filter.type = type;
  if (actor) filter.actor = actor;
  return filter;
};

export const filterParams = (filter: EventFilter): Record<string, string | null> => ({ q: filter.text ?? null, type: filter.type ?? null, actor: filter.actor ?? null });
