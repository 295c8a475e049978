import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { customerIdForHolder } from '../../domain/account/legacy-customers';
import type { ProjectionManager } from '../../projections/projection-manager';
import { BASE, jsonRequest, params, signedInAs, startProjections, useTemporaryEventStore, type ErrorJson, type TemporaryStore } from '../http/test-support';
import { commandHandlerOf } from '../routes/commands';
import { eventStream } from '../routes/streams';
import { webRuntime } from '../web-runtime';
import { serverSharedTail, serverStreamSlots } from './event-stream';
import { SseParser, type SseEvent } from './sse-format';

/* Bounded live streams: slots per principal and per process, freed when a stream ends; a customer's stream carries only their own accounts. */

const GET = eventStream.handler;
const openRoute = commandHandlerOf('account', 'open');
const depositRoute = commandHandlerOf('account', 'deposit');
type Headers = Record<string, string>;

let db: TemporaryStore;
let manager: ProjectionManager;
let ann: Headers;
let amir: Headers;
let ada: Headers;
let grace: Headers;
let adaAccount: string;
let graceAccount: string;

const until = async (condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/** An open stream, read continuously. */
const connect = async (headers: Headers, query = '') => {
  const abort = new AbortController();
  const response = await GET(new Request(`${BASE}/api/events/stream${query}`, { headers, signal: abort.signal }));
  const received: SseEvent[] = [];
  const parser = new SseParser();
  let ended = false;
  if (response.status === 200) {
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
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
  }
  const streamIds = () => received.filter((e) => e.event === 'event').map((e) => (JSON.parse(e.data) as { streamId: string }).streamId);
  return { response, parser, streamIds, ended: () => ended, close: () => abort.abort() };
};

const deposit = async (accountId: string, amount: number) => {
  const response = await depositRoute(jsonRequest(`/api/accounts/${accountId}/deposit`, { amount }, ann), params({ accountId }));
  expect(response.status).toBe(200);
  return ((await response.json()) as { globalPosition: number }).globalPosition;
};

const tooMany = async (response: Response) => {
  expect(response.status).toBe(429);
  expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
  const body = (await response.json()) as ErrorJson;
  expect(body.error.code).toBe('too_many_streams');
  return body.error.message;
};

beforeAll(async () => {
  process.env.CHRONICLE_SSE_POLL_MS = '50';
  delete process.env.CHRONICLE_IN_PROCESS_PROJECTIONS;
  db = await useTemporaryEventStore({ usersInStore: true });
  manager = startProjections();
  await manager.start();
  [ann, amir, ada, grace] = (await Promise.all(['ann', 'amir', 'ada-lovelace', customerIdForHolder('Grace Hamilton')!].map(signedInAs))) as [Headers, Headers, Headers, Headers];
  const open = async (owner: string) => {
    const response = await openRoute(jsonRequest('/api/accounts', { owner, currency: 'EUR', customerId: customerIdForHolder(owner) }, ann));
    expect(response.status).toBe(201);
    return ((await response.json()) as { accountId: string }).accountId;
  };
  adaAccount = await open('Ada Lovelace');
  graceAccount = await open('Grace Hamilton');
  await manager.waitForPosition(await db.store.headPosition(), 5_000);
});

afterEach(async () => {
  delete process.env.CHRONICLE_SSE_MAX_PER_PRINCIPAL;
  delete process.env.CHRONICLE_SSE_MAX_CONNECTIONS;
  await until(() => serverStreamSlots().open === 0, 'every stream of the test to end');
});

afterAll(async () => {
  delete process.env.CHRONICLE_SSE_POLL_MS;
  await manager?.stop();
  await webRuntime().readDb.$disconnect();
  await db.release();
});

describe('live stream limits', () => {
  it('refuses a principal more than 5 streams by default with 429 too_many_streams, while others still connect', async () => {
    const mine = await Promise.all(Array.from({ length: 5 }, () => connect(ada)));
    expect(mine.map((client) => client.response.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await tooMany((await connect(ada)).response)).toContain('at most 5');
    const other = await connect(grace);
    expect(other.response.status).toBe(200);
    expect(serverStreamSlots().openBy('customer:ada-lovelace')).toBe(5);
    for (const client of [...mine, other]) client.close();
  });

  it('frees the slot of a stream that ends, by abort, by cancelling its body, or stalled on a full queue', async () => {
    process.env.CHRONICLE_SSE_MAX_PER_PRINCIPAL = '2';
    const first = await connect(ann);
    const second = await connect(ann);
    await tooMany((await connect(ann)).response);

    first.close();
    await until(first.ended, 'the aborted stream to end');
    const third = await connect(ann);
    expect(third.response.status).toBe(200);
    await tooMany((await connect(ann)).response);

    // Never read, then cancelled.
    second.close();
    await until(second.ended, 'the second stream to end');
    const unread = await GET(new Request(`${BASE}/api/events/stream`, { headers: ann }));
    expect(unread.status).toBe(200);
    await tooMany((await connect(ann)).response);
    await unread.body!.cancel();
    const fourth = await connect(ann);
    expect(fourth.response.status).toBe(200);

    // Stalled from position 0 with nobody reading, then the client goes away.
    third.close();
    await until(third.ended, 'the third stream to end');
    const stalledAbort = new AbortController();
    const stalled = await GET(new Request(`${BASE}/api/events/stream?from=0`, { headers: ann, signal: stalledAbort.signal }));
    expect(stalled.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await tooMany((await connect(ann)).response);
    stalledAbort.abort();
    await until(() => serverStreamSlots().open === 1, 'the stalled stream to free its slot');
    const fifth = await connect(ann);
    expect(fifth.response.status).toBe(200);
    fourth.close();
    fifth.close();
  });

  it('refuses a stream beyond the process limit whoever asks, and takes no slot for a request refused with 400', async () => {
    process.env.CHRONICLE_SSE_MAX_CONNECTIONS = '3';
    const open = [await connect(ann), await connect(amir), await connect(ada)];
    expect(open.map((client) => client.response.status)).toEqual([200, 200, 200]);
    expect(await tooMany((await connect(grace)).response)).toContain('This server has 3 live event streams open');
    expect((await connect(grace, '?from=abc')).response.status).toBe(400);
    open[0]!.close();
    await until(() => serverStreamSlots().open === 2, 'the slot to be freed');
    const late = await connect(grace);
    expect(late.response.status).toBe(200);
    for (const client of [...open, late]) client.close();
  });
});

describe("a customer's live stream", () => {
  it("never carries another customer's events, even when the filters name their stream", async () => {
    const graceStream = `account-${graceAccount}`;
    const adaStream = `account-${adaAccount}`;
    const queries = ['?from=0', `?from=0&stream=${graceStream}`, `?from=0&stream=${graceStream},${adaStream}`, '?from=0&category=account', `?stream=${graceStream}`];
    const clients: Array<Awaited<ReturnType<typeof connect>>> = [];
    for (const query of queries) clients.push(await connect(ada, query));
    const watcher = await connect(ann, '?from=0&category=account');
    expect([...clients, watcher].map((client) => client.response.status)).toEqual([200, 200, 200, 200, 200, 200]);

    await deposit(graceAccount, 3_00);
    const last = await deposit(adaAccount, 2_00);
    await until(() => [...clients, watcher].every((client) => Number(client.parser.lastEventId) >= last), 'every stream to pass the deposits');
    for (const client of clients) expect(client.streamIds().every((streamId) => streamId === adaStream)).toBe(true);
    const [all, onlyGrace, both, category, liveGrace] = clients.map((client) => client.streamIds());
    expect(all!.length).toBeGreaterThanOrEqual(2);
    expect(both).toEqual(all);
    expect(category).toEqual(all);
    expect(onlyGrace).toEqual([]);
    expect(liveGrace).toEqual([]);
    // The same events do reach staff, so the customer's streams were not simply empty.
    expect(watcher.streamIds()).toEqual(expect.arrayContaining([graceStream, adaStream]));
    expect(serverSharedTail().connectionCount).toBeGreaterThan(0);
    for (const client of [...clients, watcher]) client.close();
  });
});
