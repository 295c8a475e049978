import type { CausalPlace, CommandMark, OutboxMark, SagaMark } from '@/lib/debugger/causality-schemas';
import type { DensityBucket } from '@/lib/debugger/stream-probe';

/*
 * Where the causality lanes put their marks: on the density strip's time axis (its first bucket's
 * start to its last bucket's end), in percent of the width, with marks that would overlap stacked
 * on a few levels; and what each mark says and opens. Pure, so it is tested without a browser.
 */

export type Axis = { from: number; to: number };

/** The strip's axis, or null before it has buckets. */
export const axisOf = (buckets: readonly DensityBucket[]): Axis | null => {
  const first = buckets[0];
  const last = buckets.at(-1);
  return first && last ? { from: Date.parse(first.start), to: Date.parse(last.end) } : null;
};

/** Percent along the axis, clamped to it; `beyond` says the time lies outside (drawn at the edge). */
export const placeOn = (axis: Axis, iso: string): { percent: number; beyond: 'before' | 'after' | null } => {
  const at = Date.parse(iso);
  const span = Math.max(1, axis.to - axis.from);
  const percent = ((at - axis.from) / span) * 100;
  if (percent < 0) return { percent: 0, beyond: 'before' };
  if (percent > 100) return { percent: 100, beyond: 'after' };
  return { percent, beyond: null };
};

/** Marks closer than this (percent of the width) go on different levels. */
const CLOSE = 1.6;
export const MAX_LEVELS = 4;

/** A level per mark, in the order given (sorted by position): the lowest level whose last mark is far enough to the left. */
export const stackLevels = (percents: readonly number[]): number[] => {
  const lastOnLevel: number[] = [];
  return percents.map((percent, index) => {
    let level = lastOnLevel.findIndex((last) => percent - last >= CLOSE);
    if (level === -1) level = lastOnLevel.length < MAX_LEVELS ? lastOnLevel.length : index % MAX_LEVELS;
    lastOnLevel[level] = percent;
    return level;
  });
};

export const debuggerHref = (place: CausalPlace) => `/debugger/${encodeURIComponent(place.streamId)}?v=${place.version}`;

/** The place a mark opens: the other stream where there is one (a leg's transfer, a step's account), else this one. */
export const otherPlace = (places: readonly CausalPlace[], streamId: string): CausalPlace | null =>
  places.find((place) => place.streamId !== streamId) ?? places[0] ?? null;

const where = (place: CausalPlace, streamId: string) => (place.streamId === streamId ? `v${place.version}` : `${place.streamId} v${place.version}`);

export const commandLabel = (mark: CommandMark, streamId: string): string => {
  const what = `${mark.type ?? 'No recorded command'} by ${mark.actor}`;
  if (mark.outcome === 'rejected') return `${what} refused (${mark.code}): ${mark.reason ?? ''} Decided on v${mark.version}; wrote nothing.`;
  if (mark.outcome === 'conflicted') {
    const winner = mark.lostTo ? ` v${mark.lostTo.version} ${mark.lostTo.type} by ${mark.lostTo.actor} was written instead.` : '';
    return `${what} lost to a concurrent writer (${mark.code}), decided on v${mark.version}.${winner}`;
  }
  const cause = mark.causedBy ? `, sent for ${where(mark.causedBy, streamId)}` : '';
  return `${what} accepted: ${mark.events.join(', ')} at v${mark.version}${cause}.`;
};

/** A command mark opens the event that caused it (a transfer's step), the event that won its race, or its own version. */
export const commandTarget = (mark: CommandMark, streamId: string): CausalPlace => {
  if (mark.outcome === 'accepted' && mark.causedBy) return mark.causedBy;
  if (mark.outcome === 'conflicted' && mark.lostTo) return { streamId, version: mark.lostTo.version };
  return { streamId: mark.streamId, version: mark.version };
};

export const sagaLabel = (mark: SagaMark, streamId: string): string =>
  `Transfer ${mark.transferId}: ${mark.label}${mark.reason ? ` (${mark.reason})` : ''}, recorded in ${mark.places.map((place) => where(place, streamId)).join(' and ')}.`;

/** Milliseconds in words: 420 ms, 3.2 s, 4 min, 2 h, 3 d. */
export const formatLag = (ms: number): string => {
  if (ms < 1_000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} d`;
};

export const outboxLabel = (mark: OutboxMark): string => {
  const event = `v${mark.version} ${mark.type}`;
  switch (mark.status) {
    case 'sent':
      return `${event} published (bus ack) ${formatLag(mark.lagMs ?? 0)} after it was recorded.`;
    case 'pruned':
      return `${event} published; its outbox row was pruned after the retention period, so the time is no longer known.`;
    case 'parked':
      return `${event} not published: parked after ${mark.attempts} attempts (${mark.error ?? 'no error kept'}).`;
    case 'pending':
      return `${event} not yet published${mark.attempts > 0 ? ` after ${mark.attempts} attempts (${mark.error ?? 'no error kept'})` : ''}.`;
  }
};
