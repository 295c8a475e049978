import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamFindings } from '../../debugger/stream-findings';
import { deposited, opened, withdrawn } from '../../domain/account/testing/fixtures';
import { streamFindings } from '../routes/stream-findings';
import { BASE, params, signedInAs, useTemporaryEventStore, type TemporaryStore } from './test-support';

let db: TemporaryStore;

beforeAll(async () => {
  db = await useTemporaryEventStore();
  // Written past the decider, as an import would: 100 below a zero limit at v3.
  await db.store.appendToStream('account-find-1', [opened(0), deposited(50), withdrawn(150), deposited(500)]);
  await db.store.appendToStream('account-find-2', [opened(1_000), withdrawn(500)]);
});
afterAll(async () => {
  await db.release();
});

const findings = async (streamId: string, username = 'amir') => {
  const response = await streamFindings.handler(new Request(`${BASE}/api/streams/${streamId}/findings`, { headers: await signedInAs(username) }), params({ streamId }));
  return { status: response.status, body: (await response.json()) as StreamFindings };
};

describe('GET /api/streams/{streamId}/findings', () => {
  it('names the overdraft past the limit with its version', async () => {
    const { status, body } = await findings('account-find-1');
    expect(status).toBe(200);
    expect(body.findings).toMatchObject([{ kind: 'overdrawn_beyond_limit', severity: 'error', version: 3 }]);
  });

  it('finds nothing on an account within its overdraft, and answers its owner too', async () => {
    expect((await findings('account-find-2')).body.findings).toEqual([]);
    expect((await findings('account-find-2', 'ada-lovelace')).status).toBe(200);
    expect((await findings('account-find-2', 'joan-clarke')).status).toBe(403);
  });
});
