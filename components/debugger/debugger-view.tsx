'use client';

import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '@/lib/client/api-client';
import { BalanceChart } from './balance-chart';
import { BlamePanel } from './blame-panel';
import { CausalityLanes } from './causality-lanes';
import { ComparePanel } from './compare-panel';
import { DecisionsPanel } from './decisions-panel';
import { RefusedCommandsPanel } from './refused-commands-panel';
import { BreakpointBar, nextHit, previousHit } from './breakpoint-bar';
import { landOnHit, type HitDirection } from './hit-navigation';
import { useBalanceSeries, useBreakpointHits, useDensity, useHead, useSnapshots, useStateAt } from './debugger-queries';
import { useDebuggerStore } from './debugger-store';
import { DensityStrip, zoomAround } from './density-strip';
import { EventBrowser } from './event-browser';
import { SEARCH_INPUT_ID } from './event-filter-bar';
import { ShortcutsHelp } from './shortcuts-help';
import { EventCard } from './event-card';
import { ExportButton } from './export-button';
import { FindingsBadge } from './findings-badge';
import { formatCount } from './format';
import { ProjectionLagLane } from './projection-lag-lane';
import { SnapshotPanel } from './snapshot-panel';
import { StatePanel } from './state-panel';
import { Transport } from './transport';
import { LiveControls } from './live-controls';
import { useLiveHead, useThrottled } from './use-live-head';
import { currencyOf } from './state-diff';
import { useAfterPaint } from './use-after-paint';
import { usePosition } from './use-position';
import { useUrlState } from './use-url-state';
import { useShortcuts } from './use-shortcuts';
import styles from './debugger.module.css';
import { VerificationBadge } from '@/components/audit/verification-badge';
import { WhatIfPanel } from './what-if-panel';

const NO_BUCKETS: never[] = [];

export function DebuggerView({ streamId }: { streamId: string }) {
  const live = useLiveHead(streamId);
  const headQuery = useHead(streamId, live !== 'live');
  // New events extend the timeline at once; the position stays where the user put it (the URL pins it).
  const head = headQuery.data;
  const { version, goTo, atProblem } = usePosition(head, streamId);
  const urlRead = useUrlState(streamId);
  const following = useDebuggerStore((state) => state.following);
  const [arrived, setArrived] = useState({ head, count: 0 });
  if (head !== undefined && arrived.head !== undefined && head > arrived.head) setArrived({ head, count: arrived.count + head - arrived.head });
  else if ((arrived.head === undefined || (version === head && arrived.count > 0)) && head !== undefined) setArrived({ head, count: 0 });
  const previousHead = useRef(head);
  useEffect(() => {
    const before = previousHead.current;
    previousHead.current = head;
    if (following && head !== undefined && before !== undefined && head > before && version === before) goTo(head, 'replace');
  }, [head, following, version, goTo]);
  // Whole-stream folds follow a busy stream at most every few seconds.
  const foldHead = useThrottled(head ?? 0, 3_000);
  const playing = useDebuggerStore((state) => state.playing);
  const setPlaying = useDebuggerStore((state) => state.setPlaying);
  const speed = useDebuggerStore((state) => state.speed);
  const breakpoint = useDebuggerStore((state) => state.breakpoint);
  const setBreakpoint = useDebuggerStore((state) => state.setBreakpoint);
  // Find and the presets land on a hit once the server has answered for that expression.
  const landWhenFound = useRef(false);
  const [hitNotice, setHitNotice] = useState<string | null>(null);
  const [blamePath, setBlamePath] = useState<string | null>(null);
  const zoom = useDebuggerStore((state) => state.zoom);
  const setZoom = useDebuggerStore((state) => state.setZoom);
  const helpOpen = useDebuggerStore((state) => state.helpOpen);
  const setHelpOpen = useDebuggerStore((state) => state.setHelpOpen);
  const setFollowing = useDebuggerStore((state) => state.setFollowing);
  // Zoom and filter belong to one stream: they are read from its URL (useUrlState); leaving forgets the position.
  useEffect(() => () => useDebuggerStore.getState().setVersion(null), [streamId]);
  // Back across a reload restores the page from history without its streamed metadata: keep a title (axe: document-title).
  useEffect(() => {
    if (!document.title) document.title = `Time travel · ${streamId}`;
  });


  const density = useDensity(streamId, foldHead, zoom);
  const series = useBalanceSeries(streamId, foldHead, zoom);
  const snapshots = useSnapshots(streamId, foldHead);
  const breakpoints = useBreakpointHits(streamId, breakpoint, foldHead);
  const hits = useMemo(() => breakpoints.data?.hits.map((hit) => hit.version) ?? [], [breakpoints.data]);
  const hitSet = useMemo(() => new Set(hits), [hits]);
  const view = useStateAt(streamId, version, head, [nextHit(hits, version), previousHit(hits, version)]);
  const snapshotList = snapshots.data?.snapshots;
  const snapshotVersions = useMemo(() => snapshotList?.map((s) => s.version) ?? [], [snapshotList]);
  // A stable callback for the memoised chart: it reads the latest goTo when clicked.
  const goToRef = useRef(goTo);
  useEffect(() => {
    goToRef.current = goTo;
  }, [goTo]);
  const [jumpTo] = useState(() => (target: number) => goToRef.current(target));
  // The state and event show a move at once; the list, strip and chart follow once it is painted.
  // The panels that act at the position (what if, compare, the hit list) too: one value, so they move together.
  const moved = useMemo(() => ({ version, view: view.data }), [version, view.data]);
  const { version: deferredVersion, view: deferredView } = useAfterPaint(moved);
  // A new array each render would redraw the memoised chart on every move.
  const chartDomain = useMemo(() => (zoom ? ([zoom.from, Math.min(zoom.to, head ?? zoom.to)] as const) : ([0, head ?? 0] as const)), [zoom, head]);

  // N / P and the hit buttons: the next hit after the position (or the last before it), wrapping around with a word.
  const land = (direction: HitDirection) => {
    if (breakpoint && breakpoints.data?.expression !== breakpoint) {
      setHitNotice(breakpoints.error ? breakpoints.error.message : 'Still replaying the stream for this breakpoint…');
      return;
    }
    const landing = landOnHit(hits, version, direction, breakpoint);
    setHitNotice(landing.notice);
    if (landing.target !== null) goTo(landing.target);
  };
  const landRef = useRef(land);
  useEffect(() => {
    landRef.current = land;
  });
  // Stable callbacks for the memoised panels: a move re-renders only what shows the position.
  const [onLand] = useState(() => (direction: HitDirection) => landRef.current(direction));
  const runBreakpoint = (expression: string) => {
    setHitNotice(null);
    landWhenFound.current = true;
    if (expression === breakpoint && breakpoints.data?.expression === expression) {
      landWhenFound.current = false;
      land('next');
    }
    setBreakpoint(expression);
  };
  const runRef = useRef(runBreakpoint);
  useEffect(() => {
    runRef.current = runBreakpoint;
  });
  const [onRun] = useState(() => (expression: string) => runRef.current(expression));
  const openHelp = useCallback(() => setHelpOpen(true), [setHelpOpen]);
  const closeHelp = useCallback(() => setHelpOpen(false), [setHelpOpen]);
  // Find hits (and a preset) goes to the first hit after where you are: the incident in one click.
  useEffect(() => {
    if (landWhenFound.current && breakpoints.data && breakpoints.data.expression === breakpoint) {
      landWhenFound.current = false;
      landRef.current('next');
    }
  }, [breakpoints.data, breakpoint]);

  // A zoom window that leaves the position outside it brings the position into the window.
  useEffect(() => {
    if (zoom && (version < zoom.from || version > zoom.to)) goTo(Math.min(Math.max(version, zoom.from), zoom.to), 'replace');
  }, [zoom, version, goTo]);

  // Playback: one event per tick, replacing history entries so Back still means "where I was".
  useEffect(() => {
    if (!playing || head === undefined) return;
    if (version >= head) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => goTo(version + 1, 'replace'), 1000 / speed);
    return () => clearTimeout(timer);
  }, [playing, version, head, speed, goTo, setPlaying]);

  const actions = useMemo(
    () => ({
      step: (delta: number) => goTo(version + delta, 'replace'),
      first: () => goTo(0),
      last: () => goTo(head ?? 0),
      togglePlay: () => setPlaying(!playing),
      nextHit: () => landRef.current('next'),
      previousHit: () => landRef.current('previous'),
      focusSearch: () => document.getElementById(SEARCH_INPUT_ID)?.focus(),
      toggleHelp: () => setHelpOpen(!helpOpen),
      zoomIn: () => {
        if (head) setZoom(zoomAround(version, zoom ?? { from: 1, to: head }));
      },
      zoomOut: () => setZoom(null),
      toggleFollow: () => {
        setFollowing(!following);
        if (!following && head !== undefined) goTo(head);
      },
    }),
    [goTo, version, head, playing, setPlaying, helpOpen, setHelpOpen, zoom, setZoom, following, setFollowing],
  );
  useShortcuts(actions);

  if (headQuery.isError && head === undefined) {
    const missing = headQuery.error instanceof ApiError && headQuery.error.status === 404;
    return (
      <div className={styles.page}>
        <h1 className={styles.title}>{streamId}</h1>
        <p role="alert">{missing ? 'This stream has no events yet, so there is no history to travel through.' : `The stream could not be loaded: ${headQuery.error.message}`}</p>
        <Link href="/">Back to the overview</Link>
      </div>
    );
  }

  const current = view.data;
  // Money in the stream's own currency (an account's, a transfer's); a stream without one shows its numbers as stored.
  const currency = current ? (currencyOf(current.state) ?? currencyOf(current.previousState)) : null;
  const accountId = streamId.startsWith('account-') ? streamId.slice('account-'.length) : null;
  return (
    <div className={styles.page} data-testid="debugger">
      <header className={styles.header}>
        <div>
          <p className={styles.crumbs}>
            <Link href="/">Overview</Link>
            {accountId ? (
              <>
                {' / '}
                <Link href={`/accounts/${accountId}`}>Account</Link>
              </>
            ) : null}
            {' / '}Time travel
          </p>
          <h1 className={styles.title}>{streamId}</h1>
        </div>
        <div className={styles.headerFacts}>
          <span className={styles.badge}>{streamId.split('-')[0]} aggregate</span>
          <span>head v{head === undefined ? '…' : formatCount(head)}</span>
          <VerificationBadge streamId={streamId} />
          <FindingsBadge streamId={streamId} head={head} goTo={jumpTo} />
          <LiveControls
            status={live}
            arrived={following ? 0 : arrived.count}
            atHead={version === head}
            onGoToHead={() => {
              setArrived({ head, count: 0 });
              goTo(head ?? 0);
            }}
          />
          <ExportButton streamId={streamId} version={version} />
          {/* For auditors and staff: /audit, which customers cannot open, exports the stream as a self-verifying pack. */}
          <Link href={`/audit?pack=${encodeURIComponent(streamId)}#evidence-pack`}>Evidence pack</Link>
        </div>
      </header>

      {atProblem ? (
        <p role="alert" className={styles.error}>
          {atProblem}
        </p>
      ) : null}
      {head === undefined || !urlRead ? (
        <p className={styles.muted} role="status">
          Finding the stream…
        </p>
      ) : (
        <>
          <DensityStrip buckets={density.data?.buckets ?? NO_BUCKETS} version={deferredVersion} hits={hits} zoom={zoom} onJump={jumpTo} onZoom={setZoom} />
          <CausalityLanes streamId={streamId} buckets={density.data?.buckets ?? NO_BUCKETS} zoom={zoom} head={foldHead} />
          <Transport streamId={streamId} version={version} head={head} zoom={zoom} goTo={goTo} />
          <ProjectionLagLane streamId={streamId} head={head} version={deferredVersion} />
          <BreakpointBar
            version={deferredVersion}
            notice={hitNotice}
            onLand={onLand}
            result={breakpoints.data}
            error={breakpoints.error}
            loading={breakpoints.isFetching && !breakpoints.data}
            goTo={jumpTo}
            onRun={onRun}
          />
          <div className={styles.grid}>
            <EventBrowser streamId={streamId} head={head} searchHead={foldHead} version={deferredVersion} hits={hitSet} onSelect={jumpTo} />
            <EventCard event={current?.version === version ? current.event : null} version={version} />
            {current ? (
              <StatePanel
                state={current.state}
                previousState={current.previousState}
                changedPaths={current.changedPaths}
                title={`State at v${current.version}`}
                version={current.version}
                currency={currency}
                onBlame={setBlamePath}
              />
            ) : (
              <section className={styles.panel}>
                <h2>State</h2>
                <p className={styles.muted}>{view.isError ? `Could not load this state: ${view.error.message}` : 'Replaying…'}</p>
              </section>
            )}
            {blamePath ? <BlamePanel streamId={streamId} path={blamePath} version={version} currency={currency} goTo={jumpTo} onClose={() => setBlamePath(null)} /> : null}
          </div>
          <WhatIfPanel streamId={streamId} version={deferredVersion} head={head} event={deferredView?.version === deferredVersion ? deferredView.event : null} breakpoint={breakpoints.data?.expression === breakpoint ? breakpoint : ''} goTo={jumpTo} />
          {series.data ? (
            <BalanceChart points={series.data.points} domain={chartDomain} version={deferredVersion} hits={hits} snapshots={snapshotVersions} onJump={jumpTo} />
          ) : (
            <section className={`${styles.panel} ${styles.chartPending}`}>
              <h2>Balance over versions</h2>
              <p className={styles.muted}>{series.isError ? `The chart could not be drawn: ${series.error.message}` : `Replaying ${formatCount(head)} events for the chart…`}</p>
            </section>
          )}
          <SnapshotPanel streamId={streamId} snapshots={snapshotList} loading={snapshots.isPending} goTo={jumpTo} />
          <ComparePanel streamId={streamId} version={deferredVersion} head={head} hits={hits} goTo={jumpTo} />
          <DecisionsPanel streamId={streamId} head={head} goTo={jumpTo} />
          <RefusedCommandsPanel streamId={streamId} head={head} goTo={jumpTo} />
          <p className={styles.keys}>
            Keys: ←/→ step · Shift ten · PageUp/PageDown hundred · Home/End · Space play · N/P hits · / search · Z zoom ·{' '}
            <button type="button" onClick={openHelp} aria-keyshortcuts="?">
              all shortcuts (?)
            </button>
          </p>
          <ShortcutsHelp open={helpOpen} onClose={closeHelp} />
        </>
      )}
    </div>
  );
}
