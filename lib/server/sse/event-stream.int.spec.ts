import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { NewEvent } from '../../core/envelope';
import { UnavailableError } from '../../core/errors';
import type { EventStore } from '../../core/event-store';
import { SqliteEventStore } from '../../store/sqlite/sqlite-event-store';
import { dispatchAccountCommand } from '../../commands/account-commands';
import { databaseConfig } from '../../store/database-config';
import { BASE, signedInAs, startProjections, useTemporaryEventStore, type ErrorJson, type TemporaryStore } from '../http/test-support';
import { serverStreamSlots } from './event-stream';
import { SseParser, type SseEvent } from './sse-format';
import { eventStream } from '../routes/streams';

const GET = eventStream.handler;

type EventPayload = { eventId: string; streamId: string; streamVersion: number; globalPosition: number; type: string; data: unknown; [key: string]: unknown };
type Notice = { position: number; projections: string[] };

let db: TemporaryStore;
/** The teller sees every stream; a customer's own-accounts filter is in auth-routes.int.spec.ts. */
let teller: Record<string, string>;
beforeAll(async () => {
  process.env.CHRONICLE_SSE_POLL_MS = '50';
  db = await useTemporaryEventStore();
  teller = await signedInAs('ann');
});
afterAll(async () => {
  delete process.env.CHRONICLE_SSE_POLL_MS;
  await db.release();
});

// Generous: on a busy machine a stream may take seconds to open; a condition that holds returns at once anyway.
const until = async (condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

const request = (query = '', headers: Record<string, string> = {}, signal?: AbortSignal) =>
  new Request(`${BASE}/api/events/stream${query}`, { headers: { ...teller, ...headers }, signal });

/** An open stream read continuously, as a browser would. */
const connect = async (query = '', headers: Record<string, string> = {}) => {
  const abort = new AbortController();
  const response = await GET(request(query, headers, abort.signal));
  expect(response.status).toBe(200);
  const received: SseEvent[] = [];
  const comments: string[] = [];
  const parser = new SseParser({ onComment: (text) => comments.push(text) });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let ended = false;
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received.push(...parser.push(decoder.decode(value, { stream: true })));
      }
    } catch {
      // the abort tears the stream down
    } finally {
      ended = true;
    }
  })();
  const events = () => received.filter((e) => e.event === 'event').map((e) => JSON.parse(e.data) as EventPayload);
  const notices = () => received.filter((e) => e.event === 'readmodel').map((e) => ({ ...(JSON.parse(e.data) as Notice), id: Number(e.lastEventId) }));
  return {
    response,
    received,
    comments,
    parser,
    events,
    notices,
    positions: () => events().map((e) => e.globalPosition),
    ended: () => ended,
    close: () => abort.abort(),
  };
};

const append = (streamId: string, count: number, store: EventStore = db.store) =>
  store.appendToStream(
    streamId,
    Array.from({ length: count }, (_, n): NewEvent => ({ type: 'Noted', data: { n } })),
  );

const head = () => db.store.headPosition();
const range = (after: number, last: number) => Array.from({ length: last - after }, (_, i) => after + i + 1);

describe('GET /api/events/stream', () => {
  it('opens an event stream: headers, retry, and the head as id so a reconnect from "now" loses nothing', async () => {
    await append(`note-${randomUUID()}`, 2);
    const client = await connect();
    expect(client.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(client.response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(client.response.headers.get('x-accel-buffering')).toBe('no');
    expect(client.response.headers.get('connection')).toBe('keep-alive');
    const position = await head();
    await until(() => client.parser.retry === 2000 && client.parser.lastEventId === String(position), 'the opening frame');
    expect(client.events()).toEqual([]);
    client.close();
  });

  it('replays the events after ?from=N, then tails new appends, in order, every envelope field but the hash', async () => {
    const streamId = `note-${randomUUID()}`;
    const start = await head();
    await append(streamId, 3);
    const client = await connect(`?from=${start}`);
    await until(() => client.events().length === 3, 'the replay');
    await append(streamId, 1);
    await append(`other-${randomUUID()}`, 1);
    await until(() => client.events().length === 5, 'the tail');
    expect(client.positions()).toEqual(range(start, start + 5));
    expect(client.received.filter((e) => e.event === 'event').map((e) => e.lastEventId)).toEqual(range(start, start + 5).map(String));
    const [first] = client.events();
    expect(Object.keys(first!).sort()).toEqual(
      ['data', 'eventId', 'globalPosition', 'metadata', 'recordedAt', 'schemaVersion', 'streamId', 'streamVersion', 'type'].sort(),
    );
    expect(first).toMatchObject({ streamId, streamVersion: 1, type: 'Noted', schemaVersion: 1, data: { n: 0 } });
    expect(new Date(first!.recordedAt as string).toISOString()).toBe(first!.recordedAt);
    client.close();
  });

  it('resumes after Last-Event-ID with exactly the events missed, even though the URL still says from', async () => {
    const streamId = `note-${randomUUID()}`;
    const start = await head();
    await append(streamId, 4);
    const first = await connect(`?from=${start}`);
    await until(() => first.events().length === 4, 'the first connection');
    first.close();
    await until(first.ended, 'the first connection to end');
    const lastSeen = first.parser.lastEventId;

    await append(streamId, 2);
    await append(`note-${randomUUID()}`, 3);
    const second = await connect(`?from=${start}`, { 'Last-Event-ID': lastSeen });
    await until(() => second.events().length === 5, 'the missed events');
    await append(streamId, 1);
    await until(() => second.events().length === 6, 'the tail after resuming');

    const all = [...first.positions(), ...second.positions()];
    expect(all).toEqual(range(start, start + 10));
    expect(new Set(all).size).toBe(all.length);
    second.close();
  });

  it('filters by stream and by category; skipped events still move the id, so a resume does not rescan them', async () => {
    const [a, b, c] = [`note-${randomUUID()}`, `note-${randomUUID()}`, `note-${randomUUID()}`];
    const transfer = `transfer-${randomUUID()}`;
    const start = await head();
    const client = await connect(`?from=${start}&stream=${a}&stream=${b},${a}&category=transfer`);
    await append(a, 1);
    await append(c, 2);
    await append(transfer, 1);
    await append(b, 1);
    await append(c, 3);
    const end = start + 8;
    await until(() => client.parser.lastEventId === String(end), 'the cursor to pass the skipped events');
    expect(client.events().map((e) => e.streamId)).toEqual([a, transfer, b]);
    expect(client.positions()).toEqual([start + 1, start + 4, start + 5]);
    client.close();
  });

  it('sees appends made by another process, which raise no signal here, by polling', async () => {
    const other = new SqliteEventStore({ filename: (databaseConfig() as { filename: string }).filename });
    try {
      const start = await head();
      const client = await connect();
      await until(() => client.parser.lastEventId === String(start), 'the opening frame');
      const streamId = `note-${randomUUID()}`;
      await append(streamId, 2, other);
      await until(() => client.events().length === 2, 'the other process’s events');
      expect(client.positions()).toEqual(range(start, start + 2));
      client.close();
    } finally {
      await other.close();
    }
  });

  it('sends a comment heartbeat when idle; the interval comes from the server setting or heartbeat_ms', async () => {
    process.env.CHRONICLE_SSE_HEARTBEAT_MS = '40';
    try {
      const fast = await connect();
      const slow = await connect('?heartbeat_ms=60000');
      await until(() => fast.comments.length >= 3, 'three heartbeats');
      expect(fast.comments.every((text) => text === 'heartbeat')).toBe(true);
      expect(slow.comments).toEqual([]);
      fast.close();
      slow.close();
    } finally {
      delete process.env.CHRONICLE_SSE_HEARTBEAT_MS;
    }
  });

  it('lets a slow client fall behind without reading the store for it or stalling anybody else', async () => {
    const streamId = `bulk-${randomUUID()}`;
    const start = await head();
    for (let i = 0; i < 30; i += 1) await append(streamId, 100);
    const end = start + 3000;
    const readAll = vi.spyOn(db.store, 'readAll');
    try {
      const slowResponse = await GET(request(`?from=${start}`));
      const fast = await connect();
      await until(() => fast.parser.lastEventId === String(end), 'the fast client to open');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const slowReads = () => readAll.mock.calls.filter(([options]) => (options?.fromPosition ?? 0) < end).length;
      expect(slowReads()).toBe(1);

      await append(`note-${randomUUID()}`, 1);
      await until(() => fast.events().length === 1, 'the fast client to get the new event');

      const reader = slowResponse.body!.getReader();
      const parser = new SseParser();
      const decoder = new TextDecoder();
      const positions: number[] = [];
      while (positions.length < 3001) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const event of parser.push(decoder.decode(value, { stream: true }))) {
          if (event.event === 'event') positions.push((JSON.parse(event.data) as EventPayload).globalPosition);
        }
      }
      expect(positions).toEqual(range(start, end + 1));
      expect(slowReads()).toBeGreaterThanOrEqual(6);
      await reader.cancel();
      fast.close();
    } finally {
      readAll.mockRestore();
    }
  });

  it('stops everything when the client goes away, by abort or by cancelling the body, stalled or not', async () => {
    await until(() => serverStreamSlots().open === 0, 'earlier streams to be gone');
    const listeners = db.runtime.appends.listenerCount('appended');
    const first = await connect();
    const second = await connect();
    await until(() => first.parser.retry !== undefined && second.parser.retry !== undefined, 'both streams to open');
    expect(db.runtime.appends.listenerCount('appended')).toBe(listeners + 1);
    expect(serverStreamSlots().open).toBe(2);

    first.close();
    await until(first.ended, 'the aborted stream to end');
    await until(() => serverStreamSlots().open === 1, 'the first subscription to go');

    const response = await GET(request());
    await response.body!.cancel();
    await until(() => serverStreamSlots().open === 1, 'the cancelled stream to unsubscribe');
    second.close();
    await until(() => serverStreamSlots().open === 0, 'every subscription to go');

    // A client that stopped reading: its stream is parked on a full queue, not waiting on anything the abort wakes.
    const stalled = new AbortController();
    await GET(request('?from=0', {}, stalled.signal));
    await until(() => serverStreamSlots().open === 1, 'the stalled stream to subscribe');
    await new Promise((resolve) => setTimeout(resolve, 100));
    stalled.abort();
    await until(() => serverStreamSlots().open === 0, 'the stalled stream to unsubscribe');
    expect(db.runtime.appends.listenerCount('appended')).toBe(listeners);
  });

  it('announces a read-model change once the projections have folded the events sent before it', async () => {
    startProjections();
    const start = await head();
    const client = await connect(`?from=${start}&category=account`);
    const actor = 'test:sse';
    const { accountId } = await dispatchAccountCommand(db.store, 'open', undefined, { owner: 'Ada', currency: 'EUR' }, { actor });
    const deposit = await dispatchAccountCommand(db.store, 'deposit', accountId, { amount: 12_34 }, { actor });
    await append(`note-${randomUUID()}`, 1);

    let balanceAtNotice: bigint | undefined;
    await until(async () => {
      const notice = client.notices().find((n) => n.position >= deposit.globalPosition && n.projections.includes('account-summary'));
      if (notice && balanceAtNotice === undefined) {
        balanceAtNotice = (await db.runtime.readDb.accountSummary.findFirst({ where: { accountId } }))?.balance;
      }
      return notice !== undefined;
    }, 'a read-model notice covering the deposit');
    expect(balanceAtNotice).toBe(12_34n);

    await until(() => {
      const covered = new Set(client.notices().filter((n) => n.position >= deposit.globalPosition).flatMap((n) => n.projections));
      return ['account-summary', 'account-transactions', 'bank-totals'].every((name) => covered.has(name));
    }, 'every projection to be announced');
    const statuses = await db.runtime.projections.status();
    for (const notice of client.notices()) {
      for (const name of notice.projections) expect(statuses.find((s) => s.name === name)!.checkpoint).toBeGreaterThanOrEqual(notice.position);
      // Each notice follows the event frames it covers, and its id never takes Last-Event-ID backwards.
      const index = client.received.findIndex((e) => e.event === 'readmodel' && Number(e.lastEventId) === notice.id);
      const eventsBefore = client.received.slice(0, index).filter((e) => e.event === 'event').map((e) => Number(e.lastEventId));
      expect(eventsBefore).toEqual(client.positions().filter((p) => p <= notice.id));
      expect(notice.id).toBeGreaterThanOrEqual(notice.position);
    }
    const ids = client.received.map((e) => Number(e.lastEventId));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(client.events().map((e) => e.type)).toEqual(['AccountOpened', 'MoneyDeposited']);
    client.close();
  });

  it('ends the stream cleanly when the store fails, so EventSource reconnects and resumes', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // Only the shared tail's read fails: the projections read the same store, and may get there first while the request is authenticated.
    const original = db.store.readAll.bind(db.store);
    let failed = false;
    const readAll = vi.spyOn(db.store, 'readAll').mockImplementation((options) => {
      if (failed || !new Error().stack?.includes('shared-tail')) return original(options);
      failed = true;
      return Promise.reject(new UnavailableError('The database is busy'));
    });
    try {
      const client = await connect();
      await until(client.ended, 'the stream to end');
      expect(client.parser.retry).toBe(2000);
      expect(warn).toHaveBeenCalledWith('[sse] stream ended: The database is busy');
      await until(() => serverStreamSlots().open === 0, 'the subscription to go');
    } finally {
      readAll.mockRestore();
      warn.mockRestore();
    }
  });

  it('answers 400 with every problem before opening a stream', async () => {
    const listeners = db.runtime.appends.listenerCount('appended');
    const position = await head();
    const cases: Array<[string, Record<string, string>, string[]]> = [
      ['?from=abc', {}, ['from']],
      ['?from=-1&from=2', {}, ['from']],
      ['', { 'Last-Event-ID': 'x' }, ['Last-Event-ID']],
      ['?stream=no_dash&category=a-b', {}, ['category', 'stream']],
      ['?heartbeat_ms=5', {}, ['heartbeat_ms']],
      [`?from=${position + 1}`, {}, ['from']],
      ['?from=0', { 'Last-Event-ID': String(position + 5) }, ['Last-Event-ID']],
    ];
    for (const [query, headers, paths] of cases) {
      const response = await GET(request(query, headers));
      expect(response.status, query).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/json');
      const body = (await response.json()) as ErrorJson;
      expect(body.error.code).toBe('validation_failed');
      expect([...new Set(body.error.issues?.map((issue) => issue.path))].sort(), query).toEqual(paths);
    }
    expect(db.runtime.appends.listenerCount('appended')).toBe(listeners);
  });
});
