import type { RecordedEvent } from '../core/envelope';
import { NotFoundError, ValidationError } from '../core/errors';
import type { SnapshotStore } from '../core/snapshots';
import type { UpcastingEventStore } from '../core/upcasting-store';
import { readableEvents } from '../core/personal-data/personal-data-store';
import type { BlameResult } from './blame';
import { BlameIndex } from './blame-index';
import { changedPaths, sameJson } from './changed-paths';
import { compileValue, evaluate, ExpressionError, isTruthy, parseExpression } from './expression';
import { FieldCatalog, hasPath, pathsOf } from './expression/paths';
import { textMatcher } from './text-match';
import { density, eventAt, headVersion, versionAt, type DensityBucket } from './stream-probe';
import {
  debuggerEvent,
  type BreakpointHit,
  type BreakpointResult,
  type EventFilter,
  type SearchResult,
  type SeriesPoint,
  type SnapshotComparison,
  type SnapshotMark,
  type StateView,
  type TestCase,
  type TimelineRow,
} from './types';

export type { SeriesPoint } from './types';

export type DebuggerDeps<State> = {
  store: UpcastingEventStore;
  /** Snapshot-backed time travel, e.g. AggregateLoader.stateAt. */
  stateAt: (streamId: string, version: number) => Promise<{ state: State; version: number }>;
  initialState: () => State;
  evolve: (state: State, event: RecordedEvent) => State;
  /** `every`: the policy's spacing; folds over the whole stream fill in the snapshots it lacks. */
  snapshots: { store: SnapshotStore; stateSchemaVersion: number; every: number } | null;
  signedAmount: (event: RecordedEvent) => number | null;
};

/* Whole-stream folds read this many events at a time and yield between reads, so a long fold
   (about 0.7 s for 100,000 events) never holds up the quick answers that share the process. */
const FOLD_CHUNK = 2_000;
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));
export const MAX_HITS = 10_000;
export const MAX_MATCHES = 50_000;
export const MAX_TEST_CASE_EVENTS = 1_000;

export class DebuggerService<State> {
  constructor(private readonly deps: DebuggerDeps<State>) {}

  /** Recent heads as hints: streams only grow, so finding the head again costs two reads, not forty. */
  private readonly knownHeads = new Map<string, number>();

  async head(streamId: string): Promise<number> {
    const head = await headVersion(this.deps.store.stored, streamId, this.knownHeads.get(streamId) ?? 0);
    if (head === 0) throw new NotFoundError(`Stream ${streamId} does not exist`, 'stream_not_found');
    if (this.knownHeads.size > 10_000) this.knownHeads.clear();
    this.knownHeads.set(streamId, head);
    return head;
  }

  /** The state at a version, or at the last version recorded at or before a time. */
  async stateView(streamId: string, position: { version: number } | { at: Date }): Promise<StateView> {
    const head = await this.head(streamId);
    const version = 'version' in position ? position.version : await versionAt(this.deps.store.stored, streamId, position.at, head);
    return this.stateViewAt(streamId, version, head);
  }

  /** Several versions' states, one after another (each a snapshot plus a short fold), so one request does bounded work; the head is read once. */
  async stateViews(streamId: string, versions: readonly number[]): Promise<StateView[]> {
    const head = await this.head(streamId);
    const views: StateView[] = [];
    for (const version of versions) views.push(await this.stateViewAt(streamId, version, head));
    return views;
  }

  private async stateViewAt(streamId: string, version: number, head: number): Promise<StateView> {
    if (version > head) throw new NotFoundError(`Stream ${streamId} has no version ${version}; its head is ${head}`, 'version_not_found');
    if (version === 0) {
      const state = this.deps.initialState();
      return { streamId, head, version, state, previousState: state, event: null, changedPaths: [] };
    }
    const [previous, stored] = await Promise.all([this.deps.stateAt(streamId, version - 1), eventAt(this.deps.store.stored, streamId, version)]);
    const current = (await readableEvents(this.deps.store, [stored!]))[0]!;
    const state = this.deps.evolve(structuredClone(previous.state), current);
    return {
      streamId,
      head,
      version,
      state,
      previousState: previous.state,
      event: debuggerEvent(stored!, current),
      changedPaths: changedPaths(previous.state, state),
    };
  }

  async timeline(streamId: string, fromVersion: number, limit: number): Promise<{ streamId: string; head: number; rows: TimelineRow[] }> {
    const head = await this.head(streamId);
    const events = await this.deps.store.readStream(streamId, { fromVersion, limit });
    return { streamId, head, rows: events.map((event) => this.row(event)) };
  }

  private row(event: RecordedEvent): TimelineRow {
    return {
      version: event.streamVersion,
      globalPosition: event.globalPosition,
      type: event.type,
      recordedAt: event.recordedAt.toISOString(),
      actor: event.metadata.actor,
      correlationId: event.metadata.correlationId,
      causationId: event.metadata.causationId,
      amount: this.deps.signedAmount(event),
    };
  }

  /** Rows for chosen versions (a page of search matches): one indexed read each. */
  async rows(streamId: string, versions: readonly number[]): Promise<{ streamId: string; head: number; rows: TimelineRow[] }> {
    const head = await this.head(streamId);
    const events = await Promise.all(versions.filter((v) => v >= 1 && v <= head).map((v) => this.deps.store.readStream(streamId, { fromVersion: v, toVersion: v, limit: 1 })));
    return { streamId, head, rows: events.flatMap((found) => found.map((event) => this.row(event))) };
  }

  /** Versions whose event matches every given part of the filter, by one pass over the stream in chunks. */
  async search(streamId: string, filter: EventFilter): Promise<SearchResult> {
    const started = performance.now();
    const text = filter.text ? textMatcher(filter.text) : null;
    const actor = filter.actor?.toLowerCase();
    const versions: number[] = [];
    let total = 0;
    const head = await this.fold(streamId, (event) => {
      if (filter.type && event.type !== filter.type) return;
      if (actor && !String(event.metadata.actor).toLowerCase().includes(actor)) return;
      if (text && !text(JSON.stringify([event.type, event.data, event.metadata]).toLowerCase())) return;
      total++;
      if (versions.length < MAX_MATCHES) versions.push(event.streamVersion);
    });
    if (head === 0) throw new NotFoundError(`Stream ${streamId} does not exist`, 'stream_not_found');
    return { streamId, head, filter, total, versions, truncated: total > versions.length, elapsedMs: Math.round(performance.now() - started) };
  }

  async density(streamId: string, buckets: number, range?: { from: number; to: number }): Promise<{ streamId: string; head: number; buckets: DensityBucket[] }> {
    const head = await this.head(streamId);
    return { streamId, head, buckets: await density(this.deps.store.stored, streamId, head, buckets, range ?? { from: 1, to: head }) };
  }

  /**
   * Every version where `expression` turns true, by one fold over the stream in chunks. The
   * condition reads the state after each event, and `event.type`, `event.version` and the event's
   * data fields as `event.…`; a condition on the event is a hit at every event where it holds, one
   * on the state only where it turns true. A field no state or event of the stream has is a 400
   * naming the fields there are, not a silent "0 hits".
   */
  async breakpoints(streamId: string, expression: string): Promise<BreakpointResult> {
    const started = performance.now();
    const expr = asValidation(() => parseExpression(expression));
    const paths = pathsOf(expr);
    const onEvents = paths.some((path) => path[0] === 'event');
    let unresolved = paths;
    const fields = new FieldCatalog();
    const hits: BreakpointHit[] = [];
    let hitCount = 0;
    let trueCount = 0;
    const initial = this.deps.initialState();
    fields.noteState(initial);
    let holds = !onEvents && isTruthy(evaluate(expr, initial));
    const head = await this.fold(streamId, (event, _before, after) => {
      const data = event.data !== null && typeof event.data === 'object' ? event.data : {};
      const scope = { ...(after as object), event: { ...data, type: event.type, version: event.streamVersion } };
      fields.noteState(after);
      fields.noteEventData(data);
      if (unresolved.length > 0) unresolved = unresolved.filter((path) => !hasPath(scope, path));
      const now = isTruthy(evaluate(expr, scope));
      if (now) trueCount++;
      if (now && (onEvents || !holds)) {
        hitCount++;
        if (hits.length < MAX_HITS) hits.push({ version: event.streamVersion, type: event.type, recordedAt: event.recordedAt.toISOString() });
      }
      holds = now;
    });
    if (head === 0) throw new NotFoundError(`Stream ${streamId} does not exist`, 'stream_not_found');
    if (unresolved.length > 0) {
      const names = [...new Set(unresolved.map((path) => path.join('.')))];
      throw new ValidationError('Invalid breakpoint expression', [
        { path: 'expr', message: `No state or event of this stream has ${names.map((name) => `“${name}”`).join(' or ')}. ${fields.describe()}` },
      ]);
    }
    return { streamId, expression, head, hits, hitCount, truncated: hitCount > hits.length, trueCount, elapsedMs: Math.round(performance.now() - started) };
  }

  /** Every event that changed one field of the state up to a version, by an instrumented fold kept per field (blame-index.ts). */
  async blame(streamId: string, path: string, version?: number): Promise<BlameResult> {
    const started = performance.now();
    const head = await this.head(streamId);
    const upTo = version ?? head;
    if (upTo > head) throw new NotFoundError(`Stream ${streamId} has no version ${upTo}; its head is ${head}`, 'version_not_found');
    this.blames ??= new BlameIndex({ store: this.deps.store, initialState: this.deps.initialState, evolve: (state, event) => this.deps.evolve(state as State, event) });
    const blamed = await this.blames.blame(streamId, path, upTo);
    return { streamId, path, version: upTo, head, ...blamed, elapsedMs: Math.round(performance.now() - started) };
  }

  private blames: BlameIndex | null = null;

  /**
   * A numeric field over versions for the chart, one point per bucket of
   * versions (last value, with the bucket's low and high so spikes survive).
   */
  async series(streamId: string, path: string, points: number, range?: { from: number; to: number }): Promise<{ streamId: string; head: number; path: string; points: SeriesPoint[] }> {
    const head = await this.head(streamId);
    const read = asValidation(() => compileValue(path));
    const from = Math.max(1, range?.from ?? 1);
    const to = Math.min(head, range?.to ?? head);
    const size = Math.max(1, Math.ceil((to - from + 1) / points));
    const out: SeriesPoint[] = [];
    let bucket: SeriesPoint | null = null;
    const backfill = await this.snapshotBackfill(streamId);
    await this.fold(streamId, (event, _before, after) => {
      backfill(event.streamVersion, after);
      if (event.streamVersion < from) return;
      const value = read(after);
      if (typeof value !== 'number') return;
      if (!bucket || event.streamVersion > bucket.version - ((bucket.version - from) % size) + size - 1) {
        bucket = { version: event.streamVersion, value, low: value, high: value };
        out.push(bucket);
      } else {
        bucket.version = event.streamVersion;
        bucket.value = value;
        bucket.low = Math.min(bucket.low, value);
        bucket.high = Math.max(bucket.high, value);
      }
    }, to);
    return { streamId, head, path, points: out };
  }

  /** The stream's snapshots, each compared with the state replayed from its events. */
  async snapshots(streamId: string): Promise<{ streamId: string; head: number; snapshots: SnapshotMark[] }> {
    const head = await this.head(streamId);
    const snapshots = this.deps.snapshots;
    if (!snapshots) return { streamId, head, snapshots: [] };
    const list = await snapshots.store.list(streamId);
    const wanted = new Map(list.filter((s) => s.stateSchemaVersion === snapshots.stateSchemaVersion).map((s) => [s.version, true]));
    const replayed = new Map<number, State>();
    await this.fold(streamId, (event, _before, after) => {
      if (wanted.has(event.streamVersion)) replayed.set(event.streamVersion, structuredClone(after));
    });
    const marks: SnapshotMark[] = [];
    for (const info of list) {
      const current = info.stateSchemaVersion === snapshots.stateSchemaVersion;
      let drift: boolean | null = null;
      if (current && replayed.has(info.version)) {
        const stored = await snapshots.store.latest(streamId, info.stateSchemaVersion, info.version);
        drift = stored?.version === info.version ? !sameJson(stored.state, replayed.get(info.version)) : null;
      }
      marks.push({ version: info.version, createdAt: info.createdAt.toISOString(), stateSchemaVersion: info.stateSchemaVersion, current, drift });
    }
    return { streamId, head, snapshots: marks };
  }

  /** One snapshot's stored state beside the state replayed from events alone (no snapshots used). */
  async compareSnapshot(streamId: string, version: number): Promise<SnapshotComparison> {
    const snapshots = this.deps.snapshots;
    const stored = snapshots ? await snapshots.store.latest(streamId, snapshots.stateSchemaVersion, version) : null;
    if (!stored || stored.version !== version) throw new NotFoundError(`Stream ${streamId} has no current snapshot at version ${version}`, 'snapshot_not_found');
    let replayed = this.deps.initialState();
    await this.fold(streamId, (_event, _before, after) => (replayed = after), version);
    const paths = changedPaths(stored.state, replayed);
    return { streamId, version, stored: stored.state, replayed, drift: paths.length > 0, changedPaths: paths };
  }

  /** The position as a test: the events given (after the nearest snapshot when long) and the state they lead to. */
  async testCase(streamId: string, version: number): Promise<TestCase> {
    const head = await this.head(streamId);
    if (version < 1 || version > head) throw new NotFoundError(`Stream ${streamId} has no version ${version}; its head is ${head}`, 'version_not_found');
    const startAt = Math.max(0, version - MAX_TEST_CASE_EVENTS);
    const givenState = startAt === 0 ? null : await this.deps.stateAt(streamId, startAt);
    const events = await this.deps.store.readStream(streamId, { fromVersion: startAt + 1, toVersion: version });
    let state = givenState ? structuredClone(givenState.state) : this.deps.initialState();
    for (const event of events) state = this.deps.evolve(state, event);
    return {
      name: `${streamId} at version ${version}`,
      streamId,
      version,
      givenState: givenState ? { version: givenState.version, state: givenState.state } : null,
      given: events.map((event) => ({ type: event.type, data: event.data })),
      then: state,
    };
  }

  /**
   * Streams written before snapshots existed (or whose snapshots were deleted)
   * make every `stateAt` a long fold. A full fold passes every state anyway,
   * so it saves the ones the policy would have taken; snapshots are only an
   * optimisation, so writing them never changes an answer.
   */
  private async snapshotBackfill(streamId: string): Promise<(version: number, state: State) => void> {
    const snapshots = this.deps.snapshots;
    if (!snapshots || snapshots.every <= 0) return () => {};
    const have = new Set((await snapshots.store.list(streamId)).filter((s) => s.stateSchemaVersion === snapshots.stateSchemaVersion).map((s) => s.version));
    return (version, state) => {
      if (version % snapshots.every !== 0 || have.has(version)) return;
      have.add(version);
      const snapshot = { streamId, version, stateSchemaVersion: snapshots.stateSchemaVersion, state: structuredClone(state), createdAt: new Date() };
      snapshots.store.save(snapshot).catch(() => have.delete(version));
    };
  }

  /** Folds the stream from the start in chunks, up to `toVersion`; returns the last version folded. */
  private async fold(streamId: string, visit: (event: RecordedEvent, before: State, after: State) => void, toVersion = Number.MAX_SAFE_INTEGER): Promise<number> {
    let state = this.deps.initialState();
    let version = 0;
    for (;;) {
      const chunk = await this.deps.store.readStream(streamId, { fromVersion: version + 1, toVersion: Math.min(toVersion, version + FOLD_CHUNK) });
      for (const event of chunk) {
        const next = this.deps.evolve(state, event);
        visit(event, state, next);
        state = next;
        version = event.streamVersion;
      }
      if (chunk.length < FOLD_CHUNK || version >= toVersion) return version;
      await yieldToOthers();
    }
  }
}

const asValidation = <T>(parse: () => T): T => {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ExpressionError) throw new ValidationError('Invalid breakpoint expression', [{ path: 'expr', message: error.message }]);
    throw error;
  }
};
