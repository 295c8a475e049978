import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deposited, opened, withdrawn } from '../../domain/account/testing/fixtures';
import { MAX_FORK_EDITS, MAX_FORK_INSERTS, type ForkResult, type ForkTestCaseFile } from '../../debugger/fork-schemas';
import { createRuntime, type Runtime } from '../../runtime/runtime';
import { testBackends, type TestBackend } from '../../store/testing/backends';
import { streamFork, streamForkTestCase } from '../routes/fork';
import { installRuntime, uninstallRuntime } from '../web-runtime';
import { demoUserDirectory, jsonRequest, params, signedInAs, type ErrorJson } from './test-support';

/* What-if forks through the route, on each database: computed from the stored events, nothing written. */

const STREAM = 'account-fork-1';
const backends = await testBackends();

describe.each(backends)('POST /api/streams/{streamId}/fork on $name', ({ create }) => {
  let backend: TestBackend;
  let runtime: Runtime;

  beforeAll(async () => {
    backend = await create();
    process.env.DATABASE_URL = backend.url;
    runtime = installRuntime(createRuntime({ users: await demoUserDirectory() }));
    // Ada's account: 100.00 in, 30.00 out, then 90.00 out past a zero overdraft (as an import could), 50.00 in.
    await runtime.store.appendToStream(STREAM, [opened(0), deposited(100_00), withdrawn(30_00), withdrawn(90_00), deposited(50_00)]);
  });
  afterAll(async () => {
    await runtime.close();
    uninstallRuntime();
    await backend.cleanup();
  });

  const call = async <T>(body: unknown, username = 'ann', streamId = STREAM, route = streamFork, path = 'fork'): Promise<{ status: number; body: T }> => {
    const response = await route.handler(jsonRequest(`/api/streams/${streamId}/${path}`, body, await signedInAs(username)), params({ streamId }));
    return { status: response.status, body: (await response.json()) as T };
  };

  it('skipping the overdrawing withdrawal: the balance never goes below zero in the fork, diverging at v4', async () => {
    const { status, body } = await call<ForkResult>({ edits: [{ kind: 'skip', version: 4 }], at: 4, breakpoint: 'balance < 0' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ streamId: STREAM, head: 5, forkHead: 4, at: 4, original: { version: 4, state: { balance: -20_00 } }, fork: { version: 3, state: { balance: 70_00 } } });
    expect(body.divergence).toMatchObject({ anchor: 4, forkVersion: 3 });
    expect(body.breakpoint).toMatchObject({ expression: 'balance < 0', original: { hitCount: 1, hits: [{ version: 4 }] }, fork: { hitCount: 0, hits: [] } });
    expect(body.rows.map((row) => [row.anchor, row.mark, row.forkVersion])).toEqual([
      [1, 'same', 1],
      [2, 'same', 2],
      [3, 'same', 3],
      [4, 'skipped', null],
      [5, 'same', 4],
    ]);
  });

  it('an inserted withdrawal larger than the balance is refused by the real decider with its rule code', async () => {
    const { status, body } = await call<ForkResult>({ edits: [{ kind: 'insert', after: 3, command: 'withdraw', input: { amount: 500_00 } }] });
    expect(status).toBe(200);
    expect(body.edits[0]).toMatchObject({ kind: 'insert', anchor: 3, outcome: 'refused', command: 'WithdrawMoney', refusal: { code: 'insufficient_funds' } });
    expect(body.divergence).toBeNull();
  });

  it('exports the fork as a vitest file', async () => {
    const { status, body } = await call<ForkTestCaseFile>({ edits: [{ kind: 'skip', version: 4 }] }, 'ann', STREAM, streamForkTestCase, 'fork/test-case');
    expect(status).toBe(200);
    expect(body.fileName).toBe(`${STREAM}-v5.what-if.unit.spec.ts`);
    expect(body.source).toContain('"balance": 12000');
  });

  it('is for whoever may read the stream: its customer yes, another customer no', async () => {
    expect((await call<ForkResult>({ edits: [] }, 'ada-lovelace')).status).toBe(200);
    expect((await call<ForkResult>({ edits: [] }, 'amir')).status).toBe(200);
    const other = await call<ErrorJson>({ edits: [{ kind: 'skip', version: 2 }] }, 'joan-clarke');
    expect(other.status).toBe(403);
    const otherExport = await call<ErrorJson>({ edits: [] }, 'joan-clarke', STREAM, streamForkTestCase, 'fork/test-case');
    expect(otherExport.status).toBe(403);
    expect((await call<ErrorJson>({ edits: [] }, 'ann', 'account-nobody')).body.error.code).toBe('stream_not_found');
  });

  it('refuses oversized and impossible forks with 400 (or 413, 404) and the field at fault', async () => {
    const skips = Array.from({ length: MAX_FORK_EDITS + 1 }, (_, i) => ({ kind: 'skip', version: (i % 5) + 1 }));
    expect((await call<ErrorJson>({ edits: skips })).status).toBe(400);
    const inserts = Array.from({ length: MAX_FORK_INSERTS + 1 }, () => ({ kind: 'insert', after: 1, command: 'deposit', input: { amount: 1 } }));
    const tooMany = await call<ErrorJson>({ edits: inserts });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe('validation_failed');
    const past = await call<ErrorJson>({ edits: [{ kind: 'skip', version: 6 }] });
    expect(past.status).toBe(400);
    expect(past.body.error.issues).toEqual([expect.objectContaining({ path: 'edits.0.version' })]);
    const data = await call<ErrorJson>({ edits: [{ kind: 'edit', version: 2, data: { accountId: 'acc-1', amount: -1, currency: 'EUR', description: 'x', depositedAt: 'yesterday' } }] });
    expect(data.status).toBe(400);
    expect(data.body.error.issues!.map((issue) => issue.path).sort()).toEqual(['edits.0.data.amount', 'edits.0.data.depositedAt']);
    expect((await call<ErrorJson>({ edits: [{ kind: 'insert', after: 1, command: 'teleport', input: {} }] })).status).toBe(400);
    expect((await call<ErrorJson>({ edits: [], breakpoint: 'saldo < 0' })).status).toBe(400);
    expect((await call<ErrorJson>({ edits: [], extra: true })).status).toBe(400);
    expect((await call<ErrorJson>({ edits: [{ kind: 'edit', version: 2, data: { blob: 'x'.repeat(20_000) } }] })).status).toBe(413);
    expect((await call<ErrorJson>({ edits: [], at: 9 })).body.error.code).toBe('version_not_found');
  });

  it('writes nothing: the store head, the stream and the command journal are as they were', async () => {
    const head = await runtime.store.headPosition();
    for (const edits of [[{ kind: 'skip', version: 4 }], [{ kind: 'insert', after: 2, command: 'deposit', input: { amount: 1_00 } }], [{ kind: 'insert', after: 3, command: 'withdraw', input: { amount: 900_00 } }]]) {
      expect((await call<ForkResult>({ edits })).status).toBe(200);
    }
    expect(await runtime.store.headPosition()).toBe(head);
    expect((await runtime.store.readStream(STREAM)).map((event) => event.type)).toEqual(['AccountOpened', 'MoneyDeposited', 'MoneyWithdrawn', 'MoneyWithdrawn', 'MoneyDeposited']);
    expect(await runtime.journal.list({ streamId: STREAM, limit: 10 })).toEqual([]);
  });
});
