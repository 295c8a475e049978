'use client';

import Link from 'next/link';
import { memo, type ReactNode } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getJson } from '@/lib/client/api-client';
import type { CausalityLanes as Lanes } from '@/lib/debugger/causality-schemas';
import type { DensityBucket } from '@/lib/debugger/stream-probe';
import type { Zoom } from './debugger-store';
import {
  axisOf,
  commandLabel,
  commandTarget,
  debuggerHref,
  otherPlace,
  outboxLabel,
  placeOn,
  sagaLabel,
  stackLevels,
  type Axis,
} from './causality-layout';
import styles from './causality-lanes.module.css';

const PENDING_REFRESH_MS = 2_000;

/** The track's side padding, as the density strip's: percent of the content box, as the strip's buckets are laid out. */
const PAD = 4;
const alongTrack = (percent: number) => `calc(${PAD}px + (100% - ${2 * PAD}px) * ${percent / 100})`;

type Placed = { key: string; at: string; until?: string; href: string; label: string; className: string; glyph: string; testId: string };

/**
 * Under the timeline, on its time axis: the commands behind this stream's events (refused and lost
 * ones marked apart, with their reason), the steps of its transfers across the transfer and both
 * accounts, and each event's publication by the outbox with its lag. Every mark is a link to the
 * stream and version it stands for; a mark in another stream opens that stream at that moment.
 */
export const CausalityLanes = memo(function CausalityLanes({
  streamId,
  buckets,
  zoom,
  head,
}: {
  streamId: string;
  buckets: readonly DensityBucket[];
  zoom: Zoom | null;
  head: number;
}) {
  const axis = axisOf(buckets);
  // Unzoomed, the window runs to now: commands refused after the last event still show (at the right edge).
  const range = axis && zoom ? `from=${new Date(axis.from).toISOString()}&to=${new Date(axis.to).toISOString()}` : '';
  const query = useQuery({
    queryKey: ['debugger', streamId, 'causality', head, range],
    queryFn: () => getJson<Lanes>(`/api/streams/${encodeURIComponent(streamId)}/causality?${range}`),
    enabled: axis !== null,
    placeholderData: keepPreviousData,
    // Events still waiting for the relay: ask again until the bus has acknowledged them.
    refetchInterval: (current) => (current.state.data?.outbox.marks.some((mark) => mark.status === 'pending') ? PENDING_REFRESH_MS : false),
  });
  const lanes = query.data;
  return (
    <section className={styles.lanes} aria-labelledby="causality-title" data-testid="causality-lanes">
      <h2 id="causality-title" className={styles.title}>
        Causality <span className={styles.hint}>on the timeline&apos;s time axis · each mark opens its stream at that version</span>
      </h2>
      {query.isError ? <p role="alert">The causality lanes could not be read: {query.error.message}</p> : null}
      {!lanes || !axis ? (
        <p className={styles.hint}>{query.isError ? '' : 'Reading commands, transfers and the outbox…'}</p>
      ) : (
        <>
          <Lane
            name="Commands"
            testId="lane-commands"
            axis={axis}
            note={lanes.commands.truncated ? 'the newest 300 in this window: zoom in for older ones' : undefined}
            empty="No commands in this window."
            marks={lanes.commands.marks.map((mark, index) => ({
              key: `${mark.commandId}-${index}`,
              at: mark.at,
              href: debuggerHref(commandTarget(mark, streamId)),
              label: commandLabel(mark, streamId),
              className: styles[mark.outcome]!,
              glyph: mark.outcome === 'rejected' ? '✕' : mark.outcome === 'conflicted' ? '⇄' : '',
              testId: `command-${mark.outcome}`,
            }))}
          />
          <Lane
            name="Transfer saga"
            testId="lane-saga"
            axis={axis}
            note={lanes.saga.hidden ? `${lanes.saga.hidden} ${lanes.saga.hidden === 1 ? 'step is' : 'steps are'} in streams that are not yours` : undefined}
            empty={lanes.saga.transfers.length === 0 ? 'No transfer touched this stream in this window.' : 'No step of its transfers falls in this window.'}
            marks={lanes.saga.marks.flatMap((mark, index) => {
              const place = otherPlace(mark.places, streamId);
              return place
                ? [{ key: `${mark.transferId}-${mark.step}-${index}`, at: mark.at, href: debuggerHref(place), label: sagaLabel(mark, streamId), className: styles[mark.kind]!, glyph: mark.kind === 'refusal' ? '✕' : mark.kind === 'compensation' ? '↺' : '', testId: `saga-${mark.step}` }]
                : [];
            })}
          />
          <Lane
            name="Outbox: published (bus ack) and lag"
            testId="lane-outbox"
            axis={axis}
            note={lanes.outbox.truncated ? 'the newest 300 events in this window' : undefined}
            empty="No events in this window."
            marks={lanes.outbox.marks.map((mark) => ({
              key: String(mark.position),
              at: mark.recordedAt,
              until: mark.publishedAt ?? undefined,
              href: debuggerHref({ streamId: mark.streamId, version: mark.version }),
              label: outboxLabel(mark),
              className: styles[mark.status]!,
              glyph: '',
              testId: `outbox-${mark.status}`,
            }))}
          />
        </>
      )}
    </section>
  );
});

function Lane({ name, testId, axis, marks, note, empty }: { name: string; testId: string; axis: Axis; marks: Placed[]; note?: string; empty: string }) {
  const placed = marks.map((mark) => ({ mark, start: placeOn(axis, mark.at), end: mark.until ? placeOn(axis, mark.until) : null }));
  // A mark sits at its time (a publication at its event's); a lag is drawn as a line on to the ack.
  const at = placed.map(({ start }) => start.percent);
  const order = at.map((_, index) => index).sort((a, b) => at[a]! - at[b]!);
  const levels = stackLevels(order.map((index) => at[index]!));
  const levelOf = new Map(order.map((index, rank) => [index, levels[rank]!]));
  const height = (Math.max(0, ...levels) + 1) * 14 + 6;
  const labelId = `${testId}-label`;
  return (
    <div className={styles.lane} data-testid={testId}>
      <p className={styles.laneName} id={labelId}>
        {name}
        {note ? <span className={styles.hint}> · {note}</span> : null}
      </p>
      {marks.length === 0 ? (
        <p className={styles.hint}>{empty}</p>
      ) : (
        <ol className={styles.track} aria-labelledby={labelId} style={{ height }}>
          {placed.map(({ mark, start, end }, index) => {
            const level = levelOf.get(index)!;
            const beyond = start.beyond;
            const line: ReactNode =
              end && end.percent > start.percent ? (
                <span className={styles.lag} style={{ left: alongTrack(start.percent), width: `calc((100% - ${2 * PAD}px) * ${(end.percent - start.percent) / 100})`, bottom: `${level * 14 + 8}px` }} aria-hidden />
              ) : null;
            return (
              <li key={mark.key}>
                {line}
                <Link
                  href={mark.href}
                  className={`${styles.mark} ${mark.className} ${beyond ? styles.beyond : ''}`}
                  style={{ left: alongTrack(at[index]!), bottom: `${level * 14 + 3}px` }}
                  aria-label={beyond ? `${mark.label} (${beyond} this window)` : mark.label}
                  title={mark.label}
                  data-testid={mark.testId}
                  prefetch={false}
                >
                  {mark.glyph}
                </Link>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
