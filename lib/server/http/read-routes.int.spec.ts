import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountSummaryProjection } from '../../views/account-summary/projection';
import type { Projection } from '../../projections/projection';
import { ProjectionManager } from '../../projections/projection-manager';
import type { AccountSummaryView } from '../../views/account-summary/types';
import type { Page } from '../../views/shared/paging';
import type { TransactionView } from '../../views/account-transactions/types';
import type { BankStatsView } from '../../views/bank-totals/types';
import { webRuntime } from '../web-runtime';
import type { ProjectionStatusBody } from './projection-schemas';
import { BASE, jsonRequest, params, signedInAs, startProjections, useTemporaryEventStore, type ErrorJson, type TemporaryStore } from './test-support';
import { accountSummary, accountTransactions, bankStats, listAccounts } from '../routes/accounts';
import { commandHandlerOf } from '../routes/commands';
import { projections as projectionsRoutes, projectionStatusBody, retryProjection } from '../routes/operations';

const summaryRoute = accountSummary.handler;
const transactionsRoute = accountTransactions.handler;
const depositRoute = commandHandlerOf('account', 'deposit');
const withdrawRoute = commandHandlerOf('account', 'withdraw');
const openRoute = commandHandlerOf('account', 'open');
const retryRoute = retryProjection.handler;
const projectionsRoute = projectionsRoutes.handler;
const statsRoute = bankStats.handler;

// GET /api/accounts shares its route file with POST; called through its helper until that file exports it.
const accountsRoute = listAccounts.handler;

type Written = { accountId: string; version: number; globalPosition: number };
type BehindJson = { error: { code: string; message: string; lag: Array<{ name: string; status: string; checkpoint: number; head: number; lagEvents: number }> } };

let db: TemporaryStore;
let manager: ProjectionManager;
/** The teller's browser: sees and may do everything. Who may read what is in auth-routes.int.spec.ts. */
let teller: Record<string, string>;

beforeAll(async () => {
  delete process.env.CHRONICLE_IN_PROCESS_PROJECTIONS;
  db = await useTemporaryEventStore();
  teller = await signedInAs('ann');
  manager = startProjections();
  await manager.start();
});

afterAll(async () => {
  await manager?.stop();
  await webRuntime().readDb.$disconnect();
  await db?.release();
});

const get = (path: string) => new Request(`${BASE}${path}`, { headers: teller });
const open = async (owner: string, currency = 'EUR'): Promise<Written> =>
  (await (await openRoute(jsonRequest('/api/accounts', { owner, currency }, teller))).json()) as Written;
const deposit = async (accountId: string, amount: number): Promise<Written> =>
  (await (await depositRoute(jsonRequest(`/api/accounts/${accountId}/deposit`, { amount }, teller), params({ accountId }))).json()) as Written;
const withdraw = async (accountId: string, amount: number): Promise<Written> =>
  (await (await withdrawRoute(jsonRequest(`/api/accounts/${accountId}/withdraw`, { amount }, teller), params({ accountId }))).json()) as Written;

const summary = (accountId: string, query = '') => summaryRoute(get(`/api/accounts/${accountId}/summary${query}`), params({ accountId }));
const transactions = (accountId: string, query = '') =>
  transactionsRoute(get(`/api/accounts/${accountId}/transactions${query}`), params({ accountId }));
const accounts = (query = '') => accountsRoute(get(`/api/accounts${query}`));
const stats = (query = '') => statsRoute(get(`/api/stats${query}`));
const projections = async () => ((await (await projectionsRoute(get('/api/projections'))).json()) as { projections: ProjectionStatusBody[] }).projections;
const retry = (name: string) => retryRoute(new Request(`${BASE}/api/projections/${name}/retry`, { method: 'POST', headers: teller }), params({ name }));

const readPosition = (response: Response) => Number(response.headers.get('x-read-position'));
const settled = <T>(promise: Promise<T>) => {
  const state = { done: false };
  void promise.finally(() => (state.done = true));
  return state;
};

describe('read-your-writes', () => {
  it('waits for after_position, then answers with what the write did', async () => {
    await manager.stop();
    const opened = await open('Ada Lovelace');
    const pending = summary(opened.accountId, `?after_position=${opened.globalPosition}&wait_ms=8000`);
    const state = settled(pending);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(state.done).toBe(false);

    await manager.start();
    const response = await pending;
    expect(response.status).toBe(200);
    expect(readPosition(response)).toBeGreaterThanOrEqual(opened.globalPosition);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toMatchObject({ accountId: opened.accountId, owner: 'Ada Lovelace', balance: 0, version: 1, status: 'open' });

    const moved = await deposit(opened.accountId, 2_500);
    const page = await transactions(opened.accountId, `?after_position=${moved.globalPosition}`);
    expect(page.status).toBe(200);
    expect(((await page.json()) as Page<TransactionView>).items).toMatchObject([{ version: 2, amount: 2_500, balanceAfter: 2_500 }]);
  });

  it('answers at once when the read models are already there', async () => {
    const opened = await open('Grace Hopper');
    expect(await manager.waitForPosition(opened.globalPosition, 5_000)).toBe(true);
    const response = await summary(opened.accountId, `?after_position=${opened.globalPosition}&wait_ms=0`);
    expect(response.status).toBe(200);
    expect((await summary(opened.accountId, '?after_position=0')).status).toBe(200);
  });

  it('answers a position beyond the newest event with 400 at once: it can never be reached, so nothing waits', async () => {
    const head = await db.store.headPosition();
    const started = Date.now();
    const response = await accounts(`?after_position=${head + 1_000}&wait_ms=10000`);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorJson).error.issues).toEqual([expect.objectContaining({ path: 'after_position' })]);
  });

  it('answers 503 read_model_behind when the position is not reached in time: the lag of every projection for staff only', async () => {
    await manager.stop();
    try {
      const { globalPosition } = await open('Behind Owner');
      const head = await db.store.headPosition();
      const response = await accounts(`?after_position=${globalPosition}&wait_ms=100`);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
      const body = (await response.json()) as BehindJson;
      expect(body.error.code).toBe('read_model_behind');
      expect(body.error.message).toContain(String(globalPosition));
      expect(body.error.lag.map((entry) => entry.name).sort()).toEqual(['account-summary', 'account-transactions', 'bank-totals']);
      for (const entry of body.error.lag) {
        expect(entry).toEqual({ name: entry.name, status: 'live', checkpoint: expect.any(Number), head, lagEvents: head - entry.checkpoint });
      }
      // A customer learns that the read models are behind, not how the projections are named or doing.
      const customer = await accountsRoute(new Request(`${BASE}/api/accounts?after_position=${globalPosition}&wait_ms=100`, { headers: await signedInAs('ada-lovelace') }));
      expect(customer.status).toBe(503);
      expect(((await customer.json()) as { error: Record<string, unknown> }).error).not.toHaveProperty('lag');
    } finally {
      manager = startProjections();
      await manager.start();
    }
  });

  it('reports in X-Read-Position the lowest checkpoint of the projections a route reads', async () => {
    await manager.stop();
    try {
      const behind = await manager.checkpoints.get('account-summary', 1);
      const opened = await open('Hedy Lamarr');
      // Only the summary's read model moves on: a route reading it and another is as fresh as the summary.
      const summaryOnly = new ProjectionManager(db.store, webRuntime().readDb, [accountSummaryProjection]);
      await summaryOnly.catchUp();
      await summaryOnly.stop();
      const both = await transactions(opened.accountId);
      expect(both.status).toBe(200);
      expect(readPosition(both)).toBeLessThan(opened.globalPosition);
      expect(readPosition(both)).toBeGreaterThanOrEqual(behind!.position);
      expect(readPosition(await summary(opened.accountId))).toBe(opened.globalPosition);
      expect(readPosition(await stats())).toBeLessThan(opened.globalPosition);
    } finally {
      await manager.start();
    }
  });
});

describe('GET /api/accounts', () => {
  it('filters by exact owner and status, sorts, and pages with nextCursor', async () => {
    const ids: string[] = [];
    for (const amount of [300, 100, 200]) {
      const { accountId } = await open('Pager Owner', 'USD');
      ids.push(accountId);
      await deposit(accountId, amount);
    }
    const last = await open('Someone Else', 'USD');
    const query = `?owner=Pager%20Owner&status=open&sort=balance&direction=asc&limit=2&after_position=${last.globalPosition}`;
    const first = await accounts(query);
    expect(first.status).toBe(200);
    const page = (await first.json()) as Page<AccountSummaryView>;
    expect(page.items.map((item) => item.balance)).toEqual([100, 200]);
    expect(page.nextCursor).toEqual(expect.any(String));
    const second = (await (await accounts(`${query}&cursor=${page.nextCursor}`)).json()) as Page<AccountSummaryView>;
    expect(second).toEqual({ items: [expect.objectContaining({ accountId: ids[0], balance: 300, owner: 'Pager Owner' })], nextCursor: null });

    const newest = (await (await accounts('?limit=1')).json()) as Page<AccountSummaryView>;
    const all = (await (await accounts('?limit=100')).json()) as Page<AccountSummaryView>;
    expect(newest.items[0]).toEqual(all.items[0]);
    const opened = all.items.map((item) => item.openedAt);
    expect(opened).toEqual([...opened].sort().reverse());
    expect(all.items.map((item) => item.accountId)).toContain(last.accountId);
    const byOwner = (await (await accounts('?sort=owner&limit=100')).json()) as Page<AccountSummaryView>;
    const owners = byOwner.items.map((item) => item.owner);
    expect(owners).toEqual([...owners].sort());
    expect((await (await accounts('?owner=pager%20owner')).json()) as Page<AccountSummaryView>).toEqual({ items: [], nextCursor: null });
  });
});

describe('GET /api/accounts/{accountId}/transactions', () => {
  it('pages newest first with running balances', async () => {
    const { accountId } = await open('Busy Bee');
    await deposit(accountId, 1_000);
    await withdraw(accountId, 400);
    const lastWrite = await deposit(accountId, 50);
    const first = (await (await transactions(accountId, `?limit=2&after_position=${lastWrite.globalPosition}`)).json()) as Page<TransactionView>;
    expect(first.items.map((t) => [t.version, t.kind, t.amount, t.balanceAfter])).toEqual([
      [4, 'deposit', 50, 650],
      [3, 'withdrawal', -400, 600],
    ]);
    const rest = (await (await transactions(accountId, `?limit=2&cursor=${first.nextCursor}`)).json()) as Page<TransactionView>;
    expect(rest.items.map((t) => t.version)).toEqual([2]);
    expect(rest.nextCursor).toBeNull();
    const oldest = (await (await transactions(accountId, '?direction=asc&limit=1')).json()) as Page<TransactionView>;
    expect(oldest.items.map((t) => t.version)).toEqual([2]);
  });
});

describe('GET /api/stats', () => {
  it('answers totals by currency, accounts by status and a window of daily flows', async () => {
    const { accountId } = await open('Stats Person', 'GBP');
    const { globalPosition } = await deposit(accountId, 777);
    const response = await stats(`?days=1&after_position=${globalPosition}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as BankStatsView;
    const summaries = ((await (await accounts('?limit=100')).json()) as Page<AccountSummaryView>).items;
    expect(body.accountsByStatus).toEqual({ open: summaries.length, closed: 0 });
    expect(body.totalsByCurrency.find((total) => total.currency === 'GBP')).toEqual({ currency: 'GBP', balance: 777, accounts: 1 });
    const today = new Date().toISOString().slice(0, 10);
    expect(body.dailyFlows.every((flow) => flow.day === today)).toBe(true);
    expect(body.dailyFlows.find((flow) => flow.currency === 'GBP')).toEqual({ day: today, currency: 'GBP', deposits: 777, withdrawals: 0, interest: 0, movements: 1 });
  });
});

describe('validation and not found', () => {
  const cases: Array<[string, () => Promise<Response>, string[]]> = [
    ['negative after_position', () => accounts('?after_position=-1'), ['after_position']],
    ['fractional after_position', () => accounts('?after_position=1.5'), ['after_position']],
    ['text after_position', () => stats('?after_position=soon'), ['after_position']],
    ['wait_ms above 10000', () => accounts('?after_position=1&wait_ms=10001'), ['wait_ms']],
    ['repeated after_position', () => accounts('?after_position=1&after_position=2'), ['after_position']],
    ['limit 0', () => accounts('?limit=0'), ['limit']],
    ['limit 101', () => accounts('?limit=101'), ['limit']],
    ['unknown sort', () => accounts('?sort=colour'), ['sort']],
    ['unknown direction', () => accounts('?direction=up'), ['direction']],
    ['unknown status', () => accounts('?status=frozen'), ['status']],
    ['empty owner', () => accounts('?owner=%20'), ['owner']],
    ['malformed cursor', () => accounts('?cursor=not%20a%20cursor'), ['cursor']],
    ['foreign cursor', () => accounts(`?cursor=${Buffer.from('{"x":1}').toString('base64url')}`), ['cursor']],
    ['several at once', () => accounts('?limit=x&sort=y&wait_ms=-5'), ['limit', 'sort', 'wait_ms']],
    ['transactions direction', () => transactions('acct', '?direction=sideways'), ['direction']],
    ['days 0', () => stats('?days=0'), ['days']],
    ['days too many', () => stats('?days=100000'), ['days']],
  ];
  it.each(cases)('answers 400 validation_failed for %s', async (_name, send, paths) => {
    const response = await send();
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorJson;
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.issues?.map((issue) => issue.path).sort()).toEqual(paths);
  });

  it('refuses bad parameters before waiting', async () => {
    const started = Date.now();
    expect((await accounts('?after_position=999999999&wait_ms=5000&limit=0')).status).toBe(400);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('answers 404 account_not_found for an unknown or malformed account', async () => {
    for (const response of [await summary('no-such-account'), await transactions('no-such-account'), await summary('not valid!')]) {
      expect(response.status).toBe(404);
      expect(((await response.json()) as ErrorJson).error.code).toBe('account_not_found');
    }
  });
});

describe('projections', () => {
  it('shows status, generation, checkpoint and lag of every projection', async () => {
    const caughtUp = await db.store.headPosition();
    expect(await manager.waitForPosition(caughtUp, 5_000)).toBe(true);
    await manager.stop();
    try {
      await open('Lagging Larry');
      const head = caughtUp + 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      const response = await projectionsRoute(get('/api/projections'));
      expect(response.status).toBe(200);
      expect(readPosition(response)).toBe(caughtUp);
      const list = ((await response.json()) as { projections: ProjectionStatusBody[] }).projections;
      expect(list.map((p) => p.name)).toEqual(['account-summary', 'account-transactions', 'bank-totals']);
      for (const status of list) {
        // Each projection's version is that of its code (account-summary keeps customer ids since version 2).
        expect(status).toMatchObject({ status: 'live', generation: 1, version: status.name === 'account-summary' ? 2 : 1, checkpoint: caughtUp, head, lastError: null, rebuilding: null });
        expect(status.lag.events).toBe(1);
        expect(status.lag.seconds).toBeGreaterThan(0);
      }
    } finally {
      await manager.start();
    }
    expect(await manager.waitForPosition(await db.store.headPosition(), 5_000)).toBe(true);
    expect((await projections()).map((p) => p.lag)).toEqual([0, 0, 0].map(() => ({ events: 0, seconds: 0 })));
  });

  it('shows a failure with its position, and resumes the failed generation on retry', async () => {
    await manager.stop();
    const { globalPosition } = await open('Failing Fiona');
    await manager.checkpoints.recordFailure('account-summary', 1, globalPosition, new TypeError('cannot fold'));
    await manager.start();

    const failed = (await projections()).find((p) => p.name === 'account-summary')!;
    expect(failed).toMatchObject({ status: 'failed', lastError: { message: 'TypeError: cannot fold', position: globalPosition, at: expect.any(String) } });
    expect(failed.checkpoint).toBeLessThan(globalPosition);
    const behind = (await (await accounts(`?after_position=${globalPosition}&wait_ms=200`)).json()) as BehindJson;
    expect(behind.error.lag.find((entry) => entry.name === 'account-summary')).toMatchObject({ status: 'failed' });

    const response = await retry('account-summary');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { resumed: number[]; projection: ProjectionStatusBody };
    expect(body.resumed).toEqual([1]);
    expect(body.projection).toMatchObject({ name: 'account-summary', status: 'live', lastError: null });
    expect((await accounts(`?after_position=${globalPosition}`)).status).toBe(200);

    const again = await retry('account-summary');
    expect(again.status).toBe(422);
    expect(((await again.json()) as ErrorJson).error.code).toBe('projection_not_failed');
    const unknown = await retry('no-such-projection');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as ErrorJson).error.code).toBe('projection_not_found');
  });

  it('maps an error recorded by a projection that throws', async () => {
    const { globalPosition } = await open('Exploding Ed');
    // Writes no rows, so it shares the database with the real projections without touching theirs.
    const exploding: Projection = {
      name: 'exploding',
      version: 1,
      eventTypes: ['AccountOpened'],
      documentIds: () => ['none'],
      evolve: (document, event) => {
        if (event.globalPosition === globalPosition) throw new RangeError(`no fold for ${event.type}`);
        return document;
      },
      documents: { load: async () => new Map(), write: async () => undefined, drop: async () => undefined },
    };
    const engine = new ProjectionManager(db.store, webRuntime().readDb, [exploding]);
    await engine.catchUp();
    await engine.stop();
    const [status] = await engine.status();
    const body = projectionStatusBody(status!);
    expect(body).toMatchObject({
      name: 'exploding',
      status: 'failed',
      generation: 1,
      checkpoint: globalPosition - 1,
      lag: { events: (await db.store.headPosition()) - (globalPosition - 1) },
      lastError: { message: 'RangeError: no fold for AccountOpened', position: globalPosition },
      rebuilding: null,
    });
    expect(new Date(body.lastError!.at!).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(Number.isInteger(body.lag.seconds * 1000)).toBe(true);
  });
});
