import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewEvent } from '../../core/envelope';
import type { BlameResult } from '../../debugger/blame';
import { deposited, opened, withdrawn } from '../../domain/account/testing/fixtures';
import { streamBlame } from '../routes/blame';
import { BASE, params, signedInAs, useTemporaryEventStore, type ErrorJson, type TemporaryStore } from './test-support';

let db: TemporaryStore;
const STREAM = 'account-blame-1';
const meta = (actor: string, correlationId: string) => ({ metadata: { actor, correlationId, causationId: null, commandId: `cmd-${correlationId}` } });

beforeAll(async () => {
  db = await useTemporaryEventStore();
  const events: NewEvent[] = [{ ...opened(1_000), ...meta('teller:ann', 'c-open') }];
  for (let i = 0; i < 30; i++) events.push({ ...deposited(10), ...meta('system:card', `c-dep-${i}`) });
  events.push({ ...withdrawn(800), ...meta('customer:ada-lovelace', 'c-wd') });
  await db.store.appendToStream(STREAM, events);
});
afterAll(async () => {
  await db.release();
});

const call = async <T>(query: string, username = 'amir', streamId = STREAM): Promise<{ status: number; body: T }> => {
  const response = await streamBlame.handler(new Request(`${BASE}/api/streams/${streamId}/blame?${query}`, { headers: await signedInAs(username) }), params({ streamId }));
  return { status: response.status, body: (await response.json()) as T };
};

describe('GET /api/streams/{streamId}/blame', () => {
  it('lists every event that changed the balance up to a version, with before and after', async () => {
    const { status, body } = await call<BlameResult>('path=balance&version=32');
    expect(status).toBe(200);
    expect(body).toMatchObject({ streamId: STREAM, path: 'balance', version: 32, head: 32, initial: null, value: -500, total: 32, truncated: false });
    expect(body.changes[0]).toMatchObject({ version: 1, type: 'AccountOpened', before: null, after: 0, actor: 'teller:ann' });
    expect(body.changes.at(-1)).toMatchObject({ version: 32, type: 'MoneyWithdrawn', before: 300, after: -500, actor: 'customer:ada-lovelace', correlationId: 'c-wd', commandId: 'cmd-c-wd' });
  });

  it('stops at the version asked for and blames nested fields', async () => {
    expect((await call<BlameResult>('path=balance&version=5')).body).toMatchObject({ version: 5, value: 40, total: 5 });
    const holder = await call<BlameResult>('path=holder.name');
    expect(holder.body).toMatchObject({ value: 'Ada Lovelace', total: 1, version: 32 });
  });

  it('refuses a path that is not a field, a version beyond the head, and other customers', async () => {
    const bad = await call<ErrorJson>('path=balance%20%3C%200');
    expect(bad.status).toBe(400);
    expect((await call<ErrorJson>('path=balance&version=99')).body.error.code).toBe('version_not_found');
    expect((await call<ErrorJson>('path=balance', 'joan-clarke')).status).toBe(403);
    expect((await call<BlameResult>('path=balance', 'ada-lovelace')).status).toBe(200);
  });
});
