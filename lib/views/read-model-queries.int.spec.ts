import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../core/errors';
import { ProjectionManager } from '../projections/projection-manager';
import { PROJECTIONS } from './registry';
import { readSideBackends, type ReadSideFixture } from '../read/testing/read-side-backends';
import { dispatchAccountCommand, type AccountCommandName } from '../commands/account-commands';
import { ACCOUNT_SORTS, type AccountSort, type AccountSummaryView, type ListAccountsQuery } from './account-summary/types';
import type { TransactionView } from './account-transactions/types';
import { QUERY_SOURCES, readModelQueries, type ReadModelQueries } from './read-model-queries';
import { SORT_DIRECTIONS, type SortDirection } from './shared/paging';

const backends = await readSideBackends();

/*
 * A small bank with deliberate ties on every sort key (owners, opening times,
 * balances, last activity), so that only the account-id tie-break keeps pages
 * stable. Ids and owners are ASCII of one case, so every collation orders them alike.
 */
const OWNERS = ['Ada', 'Bob', 'Cleo', 'Dan'];
const CURRENCIES = ['EUR', 'USD', 'GBP'];
const ACCOUNTS = 13;
const idOf = (i: number) => `acct${String(i).padStart(2, '0')}`;
const at = (day: number, hour = 9) => new Date(Date.UTC(2026, 2, day, hour));

const buildBank = async ({ store, db }: ReadSideFixture) => {
  const send = (name: AccountCommandName, accountId: string, input: unknown, now: Date) =>
    dispatchAccountCommand(store, name, accountId, input, { actor: `teller:${name}`, now });
  for (let i = 1; i <= ACCOUNTS; i++) {
    const now = at(1 + Math.floor(i / 2));
    await send('open', idOf(i), { owner: OWNERS[i % OWNERS.length], customerId: OWNERS[i % OWNERS.length]!.toLowerCase(), currency: CURRENCIES[i % CURRENCIES.length], overdraftLimit: 500 }, now);
    // Balances 0, 1000 or 2000; equal activity times in pairs.
    if (i % 3 !== 0) await send('deposit', idOf(i), { amount: (i % 3) * 1000, description: 'Opening deposit' }, at(10 + Math.floor(i / 2)));
    if (i % 6 === 0) await send('close', idOf(i), { reason: 'Done' }, at(20));
  }
  // One account with a longer history, over several days, interest included.
  const busy = idOf(2);
  const moves: Array<[AccountCommandName, unknown]> = [
    ['deposit', { amount: 5_000 }],
    ['withdraw', { amount: 1_200, description: 'Rent' }],
    ['deposit', { amount: 300 }],
    ['withdraw', { amount: 6_500 }],
    ['deposit', { amount: 10_000, description: 'Salary' }],
  ];
  for (const [index, [name, input]] of moves.entries()) await send(name, busy, input, at(21 + index, 12));
  await send('interest', busy, { rateBasisPoints: 500, periodStart: '2025-03-01T00:00:00Z', periodEnd: '2026-03-01T00:00:00Z' }, at(27, 12));
  await new ProjectionManager(store, db, PROJECTIONS).catchUp();
};

const compareKeys = (sort: AccountSort) => (a: AccountSummaryView, b: AccountSummaryView): number => {
  const key = (row: AccountSummaryView): number | string =>
    sort === 'opened' ? Date.parse(row.openedAt) : sort === 'lastActivity' ? Date.parse(row.lastActivityAt) : sort === 'balance' ? row.balance : row.owner;
  const [x, y] = [key(a), key(b)];
  if (x !== y) return x < y ? -1 : 1;
  return a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0;
};

const expectedOrder = (rows: AccountSummaryView[], sort: AccountSort, direction: SortDirection) => {
  const sorted = [...rows].sort(compareKeys(sort));
  return direction === 'asc' ? sorted : sorted.reverse();
};

describe.each(backends)('Prisma read-model queries on $name', ({ create }) => {
  let bank: ReadSideFixture;
  let queries: ReadModelQueries;
  let all: AccountSummaryView[];

  /** Every page of a listing, walked through its cursors. */
  const walk = async (query: Omit<ListAccountsQuery, 'cursor'>): Promise<{ rows: AccountSummaryView[]; pages: number }> => {
    const rows: AccountSummaryView[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await queries.listAccounts({ ...query, cursor });
      expect(page.items.length).toBeLessThanOrEqual(query.limit);
      rows.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      pages++;
      expect(pages).toBeLessThan(100);
    } while (cursor);
    return { rows, pages };
  };

  const transactionsOf = async (accountId: string, direction: SortDirection, limit: number): Promise<TransactionView[]> => {
    const rows: TransactionView[] = [];
    let cursor: string | undefined;
    do {
      const page = await queries.accountTransactions({ accountId, direction, limit, cursor });
      if (!page) throw new Error(`no account ${accountId}`);
      rows.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return rows;
  };

  beforeAll(async () => {
    bank = await create();
    await buildBank(bank);
    queries = readModelQueries(bank.db);
    all = (await queries.listAccounts({ sort: 'opened', direction: 'asc', limit: 100 })).items;
  });
  afterAll(async () => bank?.cleanup());

  it('maps summaries to views with numbers and ISO times', async () => {
    expect(all).toHaveLength(ACCOUNTS);
    const summary = await queries.accountSummary({ accountId: idOf(4) });
    expect(summary).toEqual({
      accountId: 'acct04',
      owner: 'Ada',
      customerId: 'ada',
      currency: 'USD',
      status: 'open',
      balance: 1000,
      overdraftLimit: 500,
      version: 2,
      openedAt: at(3).toISOString(),
      lastActivityAt: at(12).toISOString(),
      closedAt: null,
      position: expect.any(Number),
    });
    const closed = await queries.accountSummary({ accountId: idOf(6) });
    expect(closed).toMatchObject({ status: 'closed', balance: 0, closedAt: at(20).toISOString(), lastActivityAt: at(20).toISOString() });
    expect(await queries.accountSummary({ accountId: 'nobody' })).toBeNull();
  });

  it('filters by exact owner and by status, alone and together', async () => {
    const list = (query: Partial<ListAccountsQuery>) =>
      queries.listAccounts({ sort: 'opened', direction: 'asc', limit: 100, ...query }).then((page) => page.items.map((row) => row.accountId));
    const ids = (predicate: (row: AccountSummaryView) => boolean) => all.filter(predicate).map((row) => row.accountId);

    expect(await list({ owner: 'Ada' })).toEqual(ids((row) => row.owner === 'Ada'));
    expect(await list({ owner: 'Ada' })).toEqual(['acct04', 'acct08', 'acct12']);
    expect(await list({ owner: 'ada' })).toEqual([]);
    expect(await list({ owner: 'Ad' })).toEqual([]);
    expect(await list({ status: 'closed' })).toEqual(['acct06', 'acct12']);
    expect(await list({ status: 'open' })).toEqual(ids((row) => row.status === 'open'));
    expect(await list({ owner: 'Cleo', status: 'closed' })).toEqual(['acct06']);
    expect(await list({ owner: 'Nobody' })).toEqual([]);
    expect(await list({ customerId: 'ada' })).toEqual(['acct04', 'acct08', 'acct12']);
    expect(await list({ customerId: 'Ada' })).toEqual([]);
  });

  it.each(ACCOUNT_SORTS.flatMap((sort) => SORT_DIRECTIONS.map((direction) => ({ sort, direction }))))(
    'sorts by $sort $direction, ties broken by account id, and pages through every row exactly once',
    async ({ sort, direction }) => {
      const expected = expectedOrder(all, sort, direction).map((row) => row.accountId);
      const single = await queries.listAccounts({ sort, direction, limit: 100 });
      expect(single.items.map((row) => row.accountId)).toEqual(expected);
      expect(single.nextCursor).toBeNull();
      for (const limit of [1, 2, 5]) {
        const { rows, pages } = await walk({ sort, direction, limit });
        expect(rows.map((row) => row.accountId)).toEqual(expected);
        expect(pages).toBe(Math.ceil(ACCOUNTS / limit));
      }
      const filtered = await walk({ sort, direction, limit: 2, status: 'open' });
      expect(filtered.rows.map((row) => row.accountId)).toEqual(expected.filter((id) => all.find((row) => row.accountId === id)!.status === 'open'));
    },
  );

  it('keeps a cursor stable when rows are added before it', async () => {
    const first = await queries.listAccounts({ sort: 'balance', direction: 'desc', limit: 4 });
    const rest = expectedOrder(all, 'balance', 'desc').slice(4).map((row) => row.accountId);
    // A new row that sorts before the cursor must not shift the next page.
    await bank.db.accountSummary.create({
      data: { ...(await bank.db.accountSummary.findFirstOrThrow({ where: { accountId: idOf(2) } })), accountId: 'acct00', balance: 99_999_999n },
    });
    try {
      const { rows } = await walk({ sort: 'balance', direction: 'desc', limit: 3 });
      expect(rows.map((row) => row.accountId)[0]).toBe('acct00');
      let cursor = first.nextCursor ?? undefined;
      const after: string[] = [];
      while (cursor) {
        const page = await queries.listAccounts({ sort: 'balance', direction: 'desc', limit: 4, cursor });
        after.push(...page.items.map((row) => row.accountId));
        cursor = page.nextCursor ?? undefined;
      }
      expect(after).toEqual(rest);
    } finally {
      await bank.db.accountSummary.deleteMany({ where: { accountId: 'acct00' } });
    }
  });

  it('refuses cursors it did not issue, or issued for another sort or direction', async () => {
    const page = await queries.listAccounts({ sort: 'balance', direction: 'asc', limit: 2 });
    const cursor = page.nextCursor!;
    const refused = async (query: ListAccountsQuery) => {
      const error = await queries.listAccounts(query).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['cursor']);
    };
    await refused({ sort: 'owner', direction: 'asc', limit: 2, cursor });
    await refused({ sort: 'balance', direction: 'desc', limit: 2, cursor });
    for (const bad of ['!!', 'bm90IGpzb24', Buffer.from('{"s":"balance","d":"asc","k":"1e3","a":"x"}').toString('base64url')]) {
      await refused({ sort: 'balance', direction: 'asc', limit: 2, cursor: bad });
    }
    const transactions = await queries.accountTransactions({ accountId: idOf(2), direction: 'desc', limit: 2 });
    const error = await queries.accountTransactions({ accountId: idOf(1), direction: 'desc', limit: 2, cursor: transactions!.nextCursor! }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
  });

  it('caps the page size at 100', async () => {
    const page = await queries.listAccounts({ sort: 'opened', direction: 'asc', limit: 10_000 });
    expect(page.items).toHaveLength(ACCOUNTS);
  });

  it('pages transactions by version, newest first, with running balances that end at the balance', async () => {
    const accountId = idOf(2);
    const newestFirst = await transactionsOf(accountId, 'desc', 2);
    expect(newestFirst.map((t) => t.version)).toEqual([8, 7, 6, 5, 4, 3, 2]);
    expect(newestFirst.map((t) => t.kind)).toEqual(['interest', 'deposit', 'withdrawal', 'deposit', 'withdrawal', 'deposit', 'deposit']);
    expect((await queries.accountTransactions({ accountId, direction: 'desc', limit: 100 }))!.items).toEqual(newestFirst);

    const oldestFirst = await transactionsOf(accountId, 'asc', 3);
    expect(oldestFirst).toEqual([...newestFirst].reverse());
    let balance = 0;
    for (const transaction of oldestFirst) {
      balance += transaction.amount;
      expect(transaction.balanceAfter).toBe(balance);
      expect(transaction).toMatchObject({ accountId, currency: 'GBP', occurredAt: expect.stringMatching(/^2026-03-\d\dT/) });
    }
    expect(oldestFirst.map((t) => t.amount).slice(0, 5)).toEqual([2000, 5000, -1200, 300, -6500]);
    expect(oldestFirst[2]).toMatchObject({ description: 'Rent', actor: 'teller:withdraw', kind: 'withdrawal' });
    expect(balance).toBe((await queries.accountSummary({ accountId }))!.balance);
    expect(oldestFirst.at(-1)!.position).toBe((await queries.accountSummary({ accountId }))!.position);
  });

  it('answers an empty page for an account without movements, and null for an unknown one', async () => {
    expect(await queries.accountTransactions({ accountId: idOf(3), direction: 'desc', limit: 25 })).toEqual({ items: [], nextCursor: null });
    expect(await queries.accountTransactions({ accountId: 'nobody', direction: 'desc', limit: 25 })).toBeNull();
  });

  it('reports stats whose totals equal the sum of the summaries', async () => {
    const stats = await queries.bankStats({ fromDay: '2000-01-01', toDay: '2100-01-01' });
    const currencies = [...new Set(all.map((row) => row.currency))].sort();
    expect(stats.totalsByCurrency).toEqual(
      currencies.map((currency) => {
        const rows = all.filter((row) => row.currency === currency);
        return { currency, balance: rows.reduce((sum, row) => sum + row.balance, 0), accounts: rows.length };
      }),
    );
    expect(stats.accountsByStatus).toEqual({
      open: all.filter((row) => row.status === 'open').length,
      closed: all.filter((row) => row.status === 'closed').length,
    });
    // Every movement lands in exactly one day: in minus out plus interest is the money held.
    for (const currency of currencies) {
      const flows = stats.dailyFlows.filter((flow) => flow.currency === currency);
      const net = flows.reduce((sum, flow) => sum + flow.deposits - flow.withdrawals + flow.interest, 0);
      expect(net).toBe(stats.totalsByCurrency.find((total) => total.currency === currency)!.balance);
    }
    const days = stats.dailyFlows.map((flow) => `${flow.day} ${flow.currency}`);
    expect(days).toEqual([...days].sort());
    expect(stats.dailyFlows.find((flow) => flow.day === '2026-03-22' && flow.currency === 'GBP')).toEqual({
      day: '2026-03-22',
      currency: 'GBP',
      deposits: 0,
      withdrawals: 1200,
      interest: 0,
      movements: 1,
    });
    expect(stats.dailyFlows.find((flow) => flow.day === '2026-03-27')).toMatchObject({ currency: 'GBP', interest: expect.any(Number), movements: 1 });
  });

  it('limits daily flows to the window, both days included', async () => {
    const stats = await queries.bankStats({ fromDay: '2026-03-21', toDay: '2026-03-23' });
    expect(stats.dailyFlows.map((flow) => flow.day)).toEqual(['2026-03-21', '2026-03-22', '2026-03-23']);
    expect((await queries.bankStats({ fromDay: '2027-01-01', toDay: '2027-03-31' })).dailyFlows).toEqual([]);
  });

  it('reads only the active generation of each read model', async () => {
    const ghost = 99;
    const before = {
      list: await queries.listAccounts({ sort: 'opened', direction: 'asc', limit: 100 }),
      transactions: await queries.accountTransactions({ accountId: idOf(2), direction: 'desc', limit: 100 }),
      stats: await queries.bankStats({ fromDay: '2000-01-01', toDay: '2100-01-01' }),
    };
    const summary = await bank.db.accountSummary.findFirstOrThrow({ where: { accountId: idOf(1) } });
    await bank.db.accountSummary.createMany({
      data: [
        { ...summary, generation: ghost, balance: 123_456n },
        { ...summary, generation: ghost, accountId: 'ghost1', owner: 'Ada' },
      ],
    });
    await bank.db.accountTransaction.create({
      data: { generation: ghost, position: 1n, accountId: idOf(2), version: 99, kind: 'deposit', amount: 1n, currency: 'GBP', description: 'x', balanceAfter: 1n, occurredAt: at(1), actor: 'x' },
    });
    await bank.db.bankStatusCount.create({ data: { generation: ghost, status: 'open', accounts: 1000 } });
    await bank.db.bankCurrencyTotal.create({ data: { generation: ghost, currency: 'JPY', balance: 5n, accounts: 1 } });
    await bank.db.bankDailyFlow.create({ data: { generation: ghost, day: '2026-03-22', currency: 'JPY', deposits: 5n, withdrawals: 0n, interest: 0n, movements: 1 } });

    expect(await queries.listAccounts({ sort: 'opened', direction: 'asc', limit: 100 })).toEqual(before.list);
    expect(await queries.listAccounts({ owner: 'Ada', sort: 'balance', direction: 'desc', limit: 100 })).toEqual({
      items: before.list.items.filter((row) => row.owner === 'Ada').sort((a, b) => compareKeys('balance')(b, a)),
      nextCursor: null,
    });
    expect(await queries.accountSummary({ accountId: 'ghost1' })).toBeNull();
    expect(await queries.accountSummary({ accountId: idOf(1) })).toEqual(before.list.items.find((row) => row.accountId === idOf(1)));
    expect(await queries.accountTransactions({ accountId: idOf(2), direction: 'desc', limit: 100 })).toEqual(before.transactions);
    expect(await queries.bankStats({ fromDay: '2000-01-01', toDay: '2100-01-01' })).toEqual(before.stats);

    // Switched in, the other generation is all a query sees; the live one's rows are still there, unseen.
    await bank.db.projection.update({ where: { name: 'account-summary' }, data: { activeGeneration: ghost } });
    try {
      expect((await queries.listAccounts({ sort: 'opened', direction: 'asc', limit: 100 })).items.map((row) => [row.accountId, row.balance])).toEqual([
        ['acct01', 123_456],
        ['ghost1', 1000],
      ]);
      expect(await queries.accountSummary({ accountId: idOf(2) })).toBeNull();
    } finally {
      await bank.db.projection.update({ where: { name: 'account-summary' }, data: { activeGeneration: 1 } });
    }
  });

  it('finds nothing, rather than failing, before any projection has run', async () => {
    const empty = await create();
    try {
      const fresh = readModelQueries(empty.db);
      expect(await fresh.listAccounts({ sort: 'opened', direction: 'desc', limit: 25 })).toEqual({ items: [], nextCursor: null });
      expect(await fresh.accountSummary({ accountId: idOf(1) })).toBeNull();
      expect(await fresh.accountTransactions({ accountId: idOf(1), direction: 'desc', limit: 25 })).toBeNull();
      expect(await fresh.bankStats({ fromDay: '2000-01-01', toDay: '2100-01-01' })).toEqual({
        accountsByStatus: { open: 0, closed: 0 },
        totalsByCurrency: [],
        dailyFlows: [],
      });
    } finally {
      await empty.cleanup();
    }
  });

  it('names only projections that exist as the sources of its queries', () => {
    const names = PROJECTIONS.map((projection) => projection.name);
    for (const sources of Object.values(QUERY_SOURCES)) for (const source of sources) expect(names).toContain(source);
  });
});
