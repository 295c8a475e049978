import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewEvent } from '../../core/envelope';
import { deposited, opened, withdrawn } from '../../domain/account/testing/fixtures';
import { ACCOUNT_STATE_SCHEMA_VERSION } from '../../domain/account/state';
import type { BreakpointResult, SearchResult, SnapshotComparison, SnapshotMark, StateView, TestCase, TimelineRow } from '../../debugger/types';
import type { DensityBucket } from '../../debugger/stream-probe';
import { BASE, params, signedInAs, useTemporaryEventStore, type ErrorJson, type TemporaryStore } from './test-support';
import { MAX_STATE_VERSIONS, streamBreakpoints, streamSnapshots, streamState, streamStates, streamTestCase, streamTimeline } from '../routes/debugger';

const snapshotsRoute = streamSnapshots.handler;
const stateRoute = streamState.handler;
const statesRoute = streamStates.handler;
const testCaseRoute = streamTestCase.handler;
const breakpointsRoute = streamBreakpoints.handler;
const timelineRoute = streamTimeline.handler;

let db: TemporaryStore;
const STREAM = 'account-dbg-1';
const LEGACY = 'account-legacy-dbg';
const DRIFTED = 'account-dbg-drift';
const times: string[] = [];
const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

const meta = (actor: string, correlationId: string) => ({ metadata: { actor, correlationId, causationId: null, commandId: `cmd-${correlationId}` } });

beforeAll(async () => {
  db = await useTemporaryEventStore();
  // v1 open; v2..v250 deposits of 10; v251 withdraws 3000 (balance -510 with an overdraft of 1000); v252.. deposits back.
  const events: NewEvent[] = [{ ...opened(1_000), ...meta('teller:ann', 'c-open') }];
  for (let i = 0; i < 249; i++) events.push({ ...deposited(10), ...meta('system:card', `c-dep-${i}`) });
  await db.store.appendToStream(STREAM, events.slice(0, 150));
  await pause();
  await db.store.appendToStream(STREAM, events.slice(150));
  times.push((await db.store.readStream(STREAM, { fromVersion: 250, toVersion: 250 }))[0]!.recordedAt.toISOString());
  await pause();
  await db.store.appendToStream(STREAM, [{ ...withdrawn(3_000), ...meta('customer:ada', 'c-wd') }, { ...deposited(600), ...meta('teller:ann', 'c-back') }]);

  await db.store.stored.appendToStream(
    LEGACY,
    [
      { type: 'AccountOpened', schemaVersion: 1, data: { accountId: 'legacy-dbg', name: 'Margaret Keller', openedAt: '2026-01-02T09:00:00.000Z' } },
      { type: 'MoneyDeposited', schemaVersion: 1, data: { accountId: 'legacy-dbg', amount: 12.5, depositedAt: '2026-01-03T09:00:00.000Z' } },
      { type: 'MoneyWithdrawn', schemaVersion: 1, data: { accountId: 'legacy-dbg', amount: 20, withdrawnAt: '2026-01-04T09:00:00.000Z' } },
    ].map((event) => ({ ...event, metadata: { actor: 'import:legacy-core', legacyRef: 'CORE1/dbg', commandId: null } })),
  );

  // Snapshots as the policy writes them (every 100); and a stream whose snapshot disagrees with its events.
  const snapshots = db.runtime.snapshots!;
  for (const version of [100, 200]) {
    const { state } = await db.runtime.loader('account').stateAt(STREAM, version);
    await snapshots.save({ streamId: STREAM, version, stateSchemaVersion: ACCOUNT_STATE_SCHEMA_VERSION, state, createdAt: new Date() });
  }
  await db.store.appendToStream(DRIFTED, [opened(), deposited(10), deposited(20)]);
  const { state } = await db.runtime.loader('account').stateAt(DRIFTED, 2);
  await snapshots.save({ streamId: DRIFTED, version: 2, stateSchemaVersion: ACCOUNT_STATE_SCHEMA_VERSION, state: { ...(state as object), balance: 123_456 }, createdAt: new Date() });
});
afterAll(async () => {
  await db.release();
});

const call = async <T>(route: typeof stateRoute, path: string, streamId = STREAM): Promise<{ status: number; body: T }> => {
  const response = await route(new Request(`${BASE}/api/streams/${streamId}/${path}`, { headers: await signedInAs('amir') }), params({ streamId }));
  return { status: response.status, body: (await response.json()) as T };
};

describe('GET /api/streams/{streamId}/state', () => {
  it('answers the state at a version with the event, the state before it and what changed', async () => {
    const { status, body } = await call<StateView>(stateRoute, 'state?version=251');
    expect(status).toBe(200);
    expect(body).toMatchObject({ streamId: STREAM, head: 252, version: 251, changedPaths: ['balance', 'lastActivityAt'] });
    expect(body.state).toMatchObject({ status: 'open', balance: 2_490 - 3_000 });
    expect(body.previousState).toMatchObject({ balance: 2_490 });
    expect(body.event).toMatchObject({ type: 'MoneyWithdrawn', streamVersion: 251, metadata: { actor: 'customer:ada', correlationId: 'c-wd', commandId: 'cmd-c-wd' } });
  });

  it('agrees with a replay from the first event at every version, across snapshots', async () => {
    const all = await db.events(STREAM);
    let balance = 0;
    for (const version of [1, 99, 100, 101, 150, 199, 250, 252]) {
      balance = all.slice(1, version).reduce((sum, event) => sum + (event.type === 'MoneyWithdrawn' ? -1 : 1) * (event.data as { amount: number }).amount, 0);
      const { body } = await call<StateView>(stateRoute, `state?version=${version}`);
      expect((body.state as { balance: number }).balance).toBe(balance);
    }
  });

  it('answers version 0 as the initial state', async () => {
    const { body } = await call<StateView>(stateRoute, 'state?version=0');
    expect(body).toMatchObject({ version: 0, state: { status: 'none' }, event: null, changedPaths: [] });
  });

  it('answers several versions in one request, each as the single-version route does', async () => {
    const { status, body } = await call<{ states: StateView[] }>(statesRoute, 'states?versions=251,0,100,251');
    expect(status).toBe(200);
    expect(body.states.map((view) => view.version)).toEqual([251, 0, 100]);
    for (const view of body.states) expect(view).toEqual((await call<StateView>(stateRoute, `state?version=${view.version}`)).body);
  });

  it('refuses more versions than one request may fold, and versions beyond the head', async () => {
    const many = Array.from({ length: MAX_STATE_VERSIONS + 1 }, (_, i) => i).join(',');
    expect((await call<ErrorJson>(statesRoute, `states?versions=${many}`)).status).toBe(400);
    const beyond = await call<ErrorJson>(statesRoute, 'states?versions=1,253');
    expect(beyond.status).toBe(404);
    expect(beyond.body.error.code).toBe('version_not_found');
  });

  it('finds the last version recorded at or before a time', async () => {
    expect((await call<StateView>(stateRoute, `state?at=${times[0]}`)).body.version).toBe(250);
    expect((await call<StateView>(stateRoute, 'state?at=2000-01-01T00:00:00Z')).body.version).toBe(0);
    expect((await call<StateView>(stateRoute, 'state?at=2999-01-01T00:00')).body.version).toBe(252);
  });

  it('shows legacy events upcast, with what was stored', async () => {
    const { body } = await call<StateView>(stateRoute, 'state?version=3', LEGACY);
    expect(body.state).toMatchObject({ balance: -750 });
    expect(body.event).toMatchObject({ schemaVersion: 2, stored: { schemaVersion: 1, data: { amount: 20 } }, metadata: { legacyRef: 'CORE1/dbg' } });
  });

  it.each([
    ['state?version=253', 404, 'version_not_found'],
    ['state', 400, 'validation_failed'],
    ['state?version=1&at=2026-01-01T00:00:00Z', 400, 'validation_failed'],
    ['state?at=yesterday', 400, 'validation_failed'],
    ['state?version=-1', 400, 'validation_failed'],
  ])('%s → %i %s', async (path, status, code) => {
    const answer = await call<ErrorJson>(stateRoute, path);
    expect(answer.status).toBe(status);
    expect(answer.body.error.code).toBe(code);
  });

  it('answers 404 for a stream with no events', async () => {
    expect((await call<ErrorJson>(stateRoute, 'state?version=1', 'account-nobody')).body.error.code).toBe('stream_not_found');
  });
});

describe('GET /api/streams/{streamId}/timeline', () => {
  it('answers a window of compact rows with signed amounts', async () => {
    const { body } = await call<{ head: number; rows: TimelineRow[] }>(timelineRoute, 'timeline?from=250&limit=5');
    expect(body.head).toBe(252);
    expect(body.rows.map((row) => [row.version, row.type, row.amount, row.actor, row.correlationId])).toEqual([
      [250, 'MoneyDeposited', 10, 'system:card', 'c-dep-248'],
      [251, 'MoneyWithdrawn', -3_000, 'customer:ada', 'c-wd'],
      [252, 'MoneyDeposited', 600, 'teller:ann', 'c-back'],
    ]);
    expect(body.rows[0]).toHaveProperty('globalPosition');
    expect(body.rows[0]).toHaveProperty('causationId', null);
  });

  it('counts events per time bucket, every event in exactly one', async () => {
    const { body } = await call<{ buckets: DensityBucket[] }>(timelineRoute, 'timeline?density=buckets&buckets=10');
    expect(body.buckets).toHaveLength(10);
    expect(body.buckets.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(252);
    expect(body.buckets[0]!.firstVersion).toBe(1);
  });

  it('samples a field over versions for the chart, keeping each bucket\'s low and high', async () => {
    const { body } = await call<{ points: Array<{ version: number; value: number; low: number; high: number }> }>(timelineRoute, 'timeline?series=balance&points=84');
    expect(body.points).toHaveLength(84);
    expect(body.points.at(-1)).toEqual({ version: 252, value: 90, low: -510, high: 2_490 });
    expect(body.points.at(-2)).toMatchObject({ version: 249, value: 2_480 });
  });

  it('fills in the snapshots a stream lacks while folding it for the chart', async () => {
    const legacyLong = 'account-dbg-unsnapshotted';
    await db.store.appendToStream(legacyLong, [opened(), ...Array.from({ length: 230 }, () => deposited(1))]);
    expect((await call<{ snapshots: SnapshotMark[] }>(snapshotsRoute, 'state/snapshots', legacyLong)).body.snapshots).toEqual([]);
    await call(timelineRoute, 'timeline?series=balance&points=10', legacyLong);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const after = await call<{ snapshots: SnapshotMark[] }>(snapshotsRoute, 'state/snapshots', legacyLong);
    expect(after.body.snapshots.map((s) => [s.version, s.drift])).toEqual([
      [100, false],
      [200, false],
    ]);
  });

  it('refuses limits above the maximum', async () => {
    expect((await call<ErrorJson>(timelineRoute, 'timeline?limit=50000')).status).toBe(400);
  });

  it('counts a zoomed window of versions in finer buckets, every event of the window in exactly one', async () => {
    const { status, body } = await call<{ buckets: DensityBucket[] }>(timelineRoute, 'timeline?density=buckets&buckets=5&fromVersion=200&toVersion=252');
    expect(status).toBe(200);
    expect(body.buckets[0]!.firstVersion).toBe(200);
    expect(body.buckets.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(53);
  });

  it('finds the versions whose event matches a filter: type, actor, text in the payload or metadata', async () => {
    const byActor = await call<SearchResult>(timelineRoute, 'timeline?actor=CUSTOMER');
    expect(byActor.body).toMatchObject({ total: 1, versions: [251], truncated: false });
    const byType = await call<SearchResult>(timelineRoute, 'timeline?type=MoneyDeposited&actor=teller');
    expect(byType.body.versions).toEqual([252]);
    const byText = await call<SearchResult>(timelineRoute, 'timeline?q=c-dep-24');
    // Deposit i is version i + 2: c-dep-24 and c-dep-240 … c-dep-248.
    expect(byText.body.versions).toEqual([26, ...Array.from({ length: 9 }, (_, i) => 242 + i)]);
    expect((await call<ErrorJson>(timelineRoute, 'timeline?q=')).status).toBe(400);
    // An amount typed as the list shows it (30.00, or 6.00 for the 600 deposit) finds it as stored in minor units.
    expect((await call<SearchResult>(timelineRoute, `timeline?q=${encodeURIComponent('-30.00')}`)).body.versions).toEqual([251]);
    expect((await call<SearchResult>(timelineRoute, `timeline?q=${encodeURIComponent('+6.00')}`)).body.versions).toEqual([252]);
  });

  it('answers rows for chosen versions, for a page of matches', async () => {
    const { body } = await call<{ rows: TimelineRow[] }>(timelineRoute, 'timeline?versions=1,251,999');
    expect(body.rows.map((row) => [row.version, row.type, row.amount])).toEqual([
      [1, 'AccountOpened', null],
      [251, 'MoneyWithdrawn', -3_000],
    ]);
    expect((await call<ErrorJson>(timelineRoute, 'timeline?versions=1,x')).status).toBe(400);
  });
});

describe('GET /api/streams/{streamId}/timeline/breakpoints', () => {
  it('lists every version where the condition becomes true', async () => {
    const { body } = await call<BreakpointResult>(breakpointsRoute, `timeline/breakpoints?expr=${encodeURIComponent('balance < 0')}`);
    expect(body).toMatchObject({ expression: 'balance < 0', head: 252, hitCount: 1, trueCount: 1, truncated: false });
    expect(body.hits).toEqual([expect.objectContaining({ version: 251, type: 'MoneyWithdrawn' })]);
  });

  it('reports only false → true transitions', async () => {
    const { body } = await call<BreakpointResult>(breakpointsRoute, `timeline/breakpoints?expr=${encodeURIComponent('balance >= 50 && status == "open"')}`);
    expect(body.hits.map((hit) => hit.version)).toEqual([6, 252]);
  });

  it('finds the legacy overdraft through upcast amounts', async () => {
    const { body } = await call<BreakpointResult>(breakpointsRoute, `timeline/breakpoints?expr=balance%20%3C%200`, LEGACY);
    expect(body.hits.map((hit) => hit.version)).toEqual([3]);
  });

  it('refuses a malformed expression, naming the column', async () => {
    const { status, body } = await call<ErrorJson>(breakpointsRoute, `timeline/breakpoints?expr=${encodeURIComponent('balance <')}`);
    expect(status).toBe(400);
    expect(body.error.issues).toEqual([{ path: 'expr', message: 'Expected a value or field, found the end (column 10)' }]);
  });

  it('refuses a field no state or event has, naming the fields there are, instead of answering 0 hits', async () => {
    for (const expr of ['type == "MoneyWithdrawn"', 'amount > 100', 'balance < 0 && holder.nickname == "x"']) {
      const { status, body } = await call<ErrorJson>(breakpointsRoute, `timeline/breakpoints?expr=${encodeURIComponent(expr)}`);
      expect(status, expr).toBe(400);
      const message = body.error.issues?.[0]?.message ?? '';
      expect(message).toMatch(/^No state or event of this stream has “(type|amount|holder\.nickname)”/);
      expect(message).toContain('balance');
      expect(message).toContain('overdraftLimit');
      expect(message).toContain('event.type');
      expect(message).toContain('event.amount');
    }
  });

  it('reads the event as event.…: every event where it holds is a hit', async () => {
    const withdrawals = await call<BreakpointResult>(breakpointsRoute, `timeline/breakpoints?expr=${encodeURIComponent('event.type == "MoneyWithdrawn"')}`);
    expect(withdrawals.body.hits.map((hit) => hit.version)).toEqual([251]);
    const deposits = await call<BreakpointResult>(breakpointsRoute, `timeline/breakpoints?expr=${encodeURIComponent('event.amount >= 10 && event.version > 248')}`);
    expect(deposits.body.hits.map((hit) => hit.version)).toEqual([249, 250, 251, 252]);
  });
});

describe('GET /api/streams/{streamId}/state/snapshots', () => {
  it('lists snapshots, none drifted when they agree with the events', async () => {
    const { body } = await call<{ snapshots: SnapshotMark[] }>(snapshotsRoute, 'state/snapshots');
    expect(body.snapshots.map((s) => [s.version, s.current, s.drift])).toEqual([
      [100, true, false],
      [200, true, false],
    ]);
  });

  it('flags a snapshot that disagrees with the events, beside the replayed state', async () => {
    const marks = await call<{ snapshots: SnapshotMark[] }>(snapshotsRoute, 'state/snapshots', DRIFTED);
    expect(marks.body.snapshots.map((s) => [s.version, s.drift])).toEqual([[2, true]]);
    const { body } = await call<SnapshotComparison>(snapshotsRoute, 'state/snapshots?version=2', DRIFTED);
    expect(body).toMatchObject({ version: 2, drift: true, changedPaths: ['balance'], stored: { balance: 123_456 }, replayed: { balance: 10 } });
    expect((await call<ErrorJson>(snapshotsRoute, 'state/snapshots?version=150')).status).toBe(404);
  });
});

describe('GET /api/streams/{streamId}/state/test-case', () => {
  it('exports the events given and the state they lead to', async () => {
    const { body } = await call<TestCase>(testCaseRoute, 'state/test-case?version=3', LEGACY);
    expect(body.givenState).toBeNull();
    expect(body.given.map((event) => event.type)).toEqual(['AccountOpened', 'MoneyDeposited', 'MoneyWithdrawn']);
    expect(body.then).toMatchObject({ status: 'open', balance: -750 });
  });
});
