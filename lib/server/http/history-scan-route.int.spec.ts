import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../debugger/history-scan';
import { deposited, opened, withdrawn } from '../../domain/account/testing/fixtures';
import { ScanSlots } from '../../debugger/scan-slots';
import { historyScan } from '../routes/history-scan';
import { edgeState } from '../web-runtime';
import { BASE, signedInAs, useTemporaryEventStore, type ErrorJson, type TemporaryStore } from './test-support';

let db: TemporaryStore;

beforeAll(async () => {
  db = await useTemporaryEventStore();
  // Two accounts overdraw (one twice), one never does; a stream no aggregate owns is passed over.
  await db.store.appendToStream('account-scan-a', [opened(1_000), deposited(100), withdrawn(300)]);
  await db.store.appendToStream('account-scan-b', [opened(0), deposited(500)]);
  await db.store.appendToStream('account-scan-c', [opened(5_000), withdrawn(10), deposited(20), withdrawn(50)]);
  await db.store.appendToStream('account-scan-a', [deposited(400), withdrawn(900)]);
  await db.store.stored.appendToStream('misc-scan', [{ type: 'Noted', data: { balance: -1 } }]);
});
afterAll(async () => {
  await db.release();
});

const scan = async <T>(query: string, username = 'amir'): Promise<{ status: number; body: T }> => {
  const response = await historyScan.handler(new Request(`${BASE}/api/debugger/scan?${query}`, { headers: await signedInAs(username) }));
  return { status: response.status, body: (await response.json()) as T };
};

describe('GET /api/debugger/scan', () => {
  it('lists every account that ever went below zero, by first hit, with its hit count', async () => {
    const { status, body } = await scan<ScanResult>(`expr=${encodeURIComponent('balance < 0')}&category=account`);
    expect(status).toBe(200);
    expect(body.streams.map(({ streamId, hitCount, firstHit }) => ({ streamId, hitCount, version: firstHit.version }))).toEqual([
      { streamId: 'account-scan-a', hitCount: 2, version: 3 },
      { streamId: 'account-scan-c', hitCount: 2, version: 2 },
    ]);
    expect(body).toMatchObject({ streamsHit: 2, eventsScanned: 11, truncated: false });
    expect(body.streams[0]!.lastHit.version).toBe(5);
  });

  it('is for staff only and refuses an expression it cannot parse', async () => {
    expect((await scan<ErrorJson>('expr=balance%20%3C%200', 'ada-lovelace')).status).toBe(403);
    const bad = await scan<ErrorJson>(`expr=${encodeURIComponent('balance <')}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues?.[0]?.path).toBe('expr');
  });

  it('runs one scan at a time per server: one asked while another runs gets 429 with Retry-After, and the slot frees afterwards', async () => {
    const query = `expr=${encodeURIComponent('balance < 0')}`;
    // A scan in progress holds the server's slot; a real one on this small store ends within a few ticks.
    const running = edgeState('history-scan-slots', () => new ScanSlots()).take();
    const refused = await historyScan.handler(new Request(`${BASE}/api/debugger/scan?${query}`, { headers: await signedInAs('amir') }));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toMatch(/^\d+$/);
    expect(((await refused.json()) as ErrorJson).error.code).toBe('too_many_scans');
    running();
    expect((await scan<ScanResult>(query)).status).toBe(200);
    expect((await scan<ScanResult>(query)).status).toBe(200);
  });
});
