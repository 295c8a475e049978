import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamListPage } from '../../audit/stream-list';
import type { ProjectionManager } from '../../projections/projection-manager';
import { commandHandlerOf } from '../routes/commands';
import { listStreams } from '../routes/stream-list';
import { BASE, jsonRequest, signedInAs, startProjections, useTemporaryEventStore, type ErrorJson, type TemporaryStore } from './test-support';

/* GET /api/streams: who may list every stream, and what search, filter, sort and paging answer. */

const openRoute = commandHandlerOf('account', 'open');
let db: TemporaryStore;
let manager: ProjectionManager;
let teller: Record<string, string>;
let auditor: Record<string, string>;
let customer: Record<string, string>;
const opened: string[] = [];

const list = (query: string, headers = teller) => listStreams.handler(new Request(`${BASE}/api/streams${query}`, { headers }));
const page = async (query: string, headers = teller) => {
  const response = await list(query, headers);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as StreamListPage;
};

beforeAll(async () => {
  delete process.env.CHRONICLE_IN_PROCESS_PROJECTIONS;
  db = await useTemporaryEventStore();
  [teller, auditor, customer] = await Promise.all([signedInAs('ann'), signedInAs('amir'), signedInAs('ada-lovelace')]);
  manager = startProjections();
  for (const [owner, customerId] of [['Ada Lovelace', 'ada-lovelace'], ['Grace Hopper', 'grace-hopper'], ['Ada Lovelace', 'ada-lovelace']] as const) {
    const answer = (await (await openRoute(jsonRequest('/api/accounts', { owner, customerId, currency: 'EUR' }, teller))).json()) as { accountId: string; globalPosition: number };
    opened.push(`account-${answer.accountId}`);
    expect(await manager.waitForPosition(answer.globalPosition, 10_000)).toBe(true);
  }
  await db.store.appendToStream(opened[1]!, [{ type: 'MoneyDeposited', data: { accountId: opened[1]!.slice(8), amount: 100, currency: 'EUR', description: 'x', depositedAt: new Date().toISOString() }, metadata: { actor: 'system', correlationId: 'c', causationId: null } }]);
});

afterAll(async () => {
  await manager?.stop();
  await db?.release();
});

describe('GET /api/streams', () => {
  it('is for staff: tellers and auditors list, a customer is refused', async () => {
    expect((await page('')).rows.length).toBeGreaterThanOrEqual(3);
    expect((await page('', auditor)).rows.length).toBeGreaterThanOrEqual(3);
    const refused = await list('', customer);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as ErrorJson).error.code).toBe('staff_only');
  });

  it('lists newest activity first with counts, times, the last type and the holder', async () => {
    const { rows } = await page('?category=account');
    expect(rows[0]).toMatchObject({ streamId: opened[1], category: 'account', events: 2, lastType: 'MoneyDeposited', holder: 'Grace Hopper' });
    expect(Date.parse(rows[0]!.lastAt)).toBeGreaterThanOrEqual(Date.parse(rows[0]!.firstAt));
    expect((await page('?category=account&sort=size')).rows[0]!.streamId).toBe(opened[1]);
  });

  it('searches by part of the id or by the holder’s exact name or customer id', async () => {
    const ids = async (q: string) => (await page(`?category=account&sort=id&q=${encodeURIComponent(q)}`)).rows.map((row) => row.streamId).sort();
    expect(await ids(opened[0]!.slice(-6).toUpperCase())).toEqual([opened[0]]);
    expect(await ids('Ada Lovelace')).toEqual([opened[0], opened[2]].sort());
    expect(await ids('grace-hopper')).toEqual([opened[1]]);
    expect(await ids('nobody at all')).toEqual([]);
  });

  it('pages by keyset and refuses bad input with the field named', async () => {
    const first = await page('?category=account&sort=id&limit=2');
    expect(first.rows).toHaveLength(2);
    const rest = await page(`?category=account&sort=id&limit=2&cursor=${first.nextCursor}`);
    expect([...first.rows, ...rest.rows].map((row) => row.streamId)).toEqual([...opened].sort());
    for (const [query, field] of [['?sort=largest', 'sort'], ['?limit=0', 'limit'], ['?category=a-b', 'category'], [`?sort=size&cursor=${first.nextCursor}`, 'cursor']] as const) {
      const response = await list(query);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as ErrorJson).error.issues?.map((issue) => issue.path)).toContain(field);
    }
  });
});
