import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewEvent } from '../../core/envelope';
import type { StreamProjectionLag } from '../../debugger/projection-lag';
import { documentJson } from '../../debugger/projection-steps';
import type { ProjectionBlame, ProjectionSteps } from '../../debugger/projection-steps-schemas';
import { deposited, opened, withdrawn } from '../../domain/account/testing/fixtures';
import { dialectOf, SqlBatch } from '../../projections/engine/sql-batch';
import { createRuntime, type Runtime } from '../../runtime/runtime';
import { testBackends } from '../../store/testing/backends';
import { projectionDocumentBlame, projectionDocumentSteps } from '../routes/projection-documents';
import { streamProjectionLagRoute } from '../routes/projection-lag';
import { installRuntime, uninstallRuntime } from '../web-runtime';
import { BASE, demoUserDirectory, params, signedInAs, type ErrorJson } from './test-support';

const backends = await testBackends();

/** An account of ada-lovelace's (the fixtures' customer), and one of hers that stays unread by others. */
const ACCOUNT = 'steps-1';
const OTHER = 'steps-2';
const meta = (n: number) => ({ metadata: { actor: 'teller:ann', correlationId: `c-${n}`, causationId: null, commandId: `cmd-${n}` } });

describe.each(backends)('projection document routes on $name', ({ create }) => {
  let backend: Awaited<ReturnType<typeof create>>;
  let runtime: Runtime;

  beforeAll(async () => {
    backend = await create();
    runtime = installRuntime(createRuntime({ env: { ...process.env, DATABASE_URL: backend.url }, users: await demoUserDirectory(), log: () => undefined }));
    const events: NewEvent[] = [opened(100), deposited(50), withdrawn(120), deposited(500), withdrawn(30)].map((event, n) => ({ ...event, ...meta(n) }));
    await runtime.store.appendToStream(`account-${ACCOUNT}`, events);
    await runtime.store.appendToStream(`account-${OTHER}`, [opened(0), deposited(7)]);
    await runtime.projections.catchUp();
  });
  afterAll(async () => {
    await runtime.close();
    uninstallRuntime();
    await backend.cleanup();
  });

  const call = async <T>(route: typeof projectionDocumentSteps, name: string, id: string, query = '', username: string | null = 'amir') => {
    const path = `/api/projections/${name}/documents/${encodeURIComponent(id)}/${route === projectionDocumentSteps ? 'steps' : 'blame'}?${query}`;
    const response = await route.handler(new Request(`${BASE}${path}`, { headers: username ? await signedInAs(username) : {} }), params({ name, id }));
    return { status: response.status, body: (await response.json()) as T };
  };

  /** The row the projection engine wrote for the document, read back through the projection's own table. */
  const storedRow = async (name: string, id: string) => {
    const projection = runtime.projectionList.find((candidate) => candidate.name === name)!;
    const generation = (await runtime.projections.checkpoints.activeGeneration(name))!;
    const rows = await runtime.readDb.$transaction((tx) => projection.documents.load(new SqlBatch(tx, dialectOf(runtime.readDb)), generation, [id]));
    return documentJson(rows.get(id));
  };

  it("steps an account summary event by event, each after the next one's before, ending on the projection's stored row", async () => {
    const { status, body } = await call<ProjectionSteps>(projectionDocumentSteps, 'account-summary', ACCOUNT);
    expect(status).toBe(200);
    expect(body).toMatchObject({ projection: 'account-summary', documentId: ACCOUNT, scope: { kind: 'stream', streamId: `account-${ACCOUNT}` }, total: 5, next: null, complete: true, failure: null });
    expect(body.steps.map((step) => step.type)).toEqual(['AccountOpened', 'MoneyDeposited', 'MoneyWithdrawn', 'MoneyDeposited', 'MoneyWithdrawn']);
    expect(body.steps[0]!.before).toBeNull();
    for (let k = 0; k + 1 < body.steps.length; k++) expect(body.steps[k]!.after).toEqual(body.steps[k + 1]!.before);
    expect(body.steps[2]).toMatchObject({ before: { balance: 50 }, after: { balance: -70 }, changedPaths: expect.arrayContaining(['balance', 'version']) });
    expect(body.steps.every((step) => step.applyMicros >= 0)).toBe(true);
    expect(body.document).toEqual(await storedRow('account-summary', ACCOUNT));
    expect(body.document).toMatchObject({ balance: 400, version: 5 });
  });

  it("steps a bank total across accounts, for staff only, ending on the stored row", async () => {
    const { status, body } = await call<ProjectionSteps>(projectionDocumentSteps, 'bank-totals', 'currency:EUR');
    expect(status).toBe(200);
    expect(body.scope).toEqual({ kind: 'log' });
    // Two openings and five movements, in both accounts.
    expect(body.total).toBe(7);
    expect(new Set(body.steps.map((step) => step.streamId))).toEqual(new Set([`account-${ACCOUNT}`, `account-${OTHER}`]));
    expect(body.document).toEqual(await storedRow('bank-totals', 'currency:EUR'));
    expect((await call<ErrorJson>(projectionDocumentSteps, 'bank-totals', 'currency:EUR', '', 'ada-lovelace')).status).toBe(403);
    expect((await call<ErrorJson>(projectionDocumentSteps, 'bank-totals', 'currency:XXX')).body.error.code).toBe('document_not_found');
  });

  it('pages within bounds and refuses pages out of them', async () => {
    const first = await call<ProjectionSteps>(projectionDocumentSteps, 'account-summary', ACCOUNT, 'from=0&limit=2');
    expect(first.body.steps.map((step) => step.index)).toEqual([0, 1]);
    expect(first.body.next).toBe(2);
    const last = await call<ProjectionSteps>(projectionDocumentSteps, 'account-summary', ACCOUNT, 'from=4&limit=2');
    expect(last.body.steps.map((step) => step.index)).toEqual([4]);
    expect(last.body.next).toBeNull();
    for (const query of ['limit=0', 'limit=501', 'from=-1', 'from=x', 'limit=1.5']) {
      const refused = await call<ErrorJson>(projectionDocumentSteps, 'account-summary', ACCOUNT, query);
      expect(refused.status, query).toBe(400);
    }
  });

  it("lets a customer step their own account's documents only", async () => {
    expect((await call(projectionDocumentSteps, 'account-summary', ACCOUNT, '', 'ada-lovelace')).status).toBe(200);
    expect((await call(projectionDocumentSteps, 'account-transactions', ACCOUNT, '', 'ada-lovelace')).status).toBe(200);
    expect((await call(projectionDocumentSteps, 'account-summary', ACCOUNT, '', 'joan-clarke')).status).toBe(403);
    expect((await call<ErrorJson>(projectionDocumentSteps, 'account-summary', 'nobody-here', '', 'ada-lovelace')).status).toBe(404);
    expect((await call(projectionDocumentSteps, 'account-summary', ACCOUNT, '', null)).status).toBe(401);
    expect((await call<ErrorJson>(projectionDocumentSteps, 'account-summary', 'nobody-here')).body.error.code).toBe('document_not_found');
    expect((await call<ErrorJson>(projectionDocumentSteps, 'no-such-view', ACCOUNT)).body.error.code).toBe('projection_not_found');
  });

  it('blames a field of a projection document', async () => {
    const { status, body } = await call<ProjectionBlame>(projectionDocumentBlame, 'account-summary', ACCOUNT, 'path=balance');
    expect(status).toBe(200);
    expect(body).toMatchObject({ initial: null, value: 400, total: 5, complete: true });
    expect(body.changes.map((change) => [change.step, change.before, change.after])).toEqual([
      [0, null, 0],
      [1, 0, 50],
      [2, 50, -70],
      [3, -70, 430],
      [4, 430, 400],
    ]);
    expect(body.changes[2]).toMatchObject({ streamId: `account-${ACCOUNT}`, version: 3, correlationId: 'c-2', commandId: 'cmd-2' });
    expect((await call(projectionDocumentBlame, 'account-summary', ACCOUNT, 'path=balance', 'joan-clarke')).status).toBe(403);
    expect((await call(projectionDocumentBlame, 'account-summary', ACCOUNT, 'path=balance%20%3C%200')).status).toBe(400);
  });

  it("marks each projection's checkpoint on the stream and the read barrier; customers see only their stream", async () => {
    const lag = async (username: string) => {
      const streamId = `account-${ACCOUNT}`;
      const response = await streamProjectionLagRoute.handler(new Request(`${BASE}/api/streams/${streamId}/projection-lag`, { headers: await signedInAs(username) }), params({ streamId }));
      return { status: response.status, body: (await response.json()) as StreamProjectionLag };
    };
    const caughtUp = (await lag('amir')).body;
    expect(caughtUp.projections.map((mark) => [mark.name, mark.version, mark.behind])).toEqual(runtime.projectionList.map((p) => [p.name, 5, 0]));
    expect(caughtUp.readBarrier).toMatchObject({ version: 5, waiting: false });
    // Appended while the projections are not running: they fall behind, and the barrier with them.
    await runtime.store.appendToStream(`account-${ACCOUNT}`, [deposited(1), deposited(2)]);
    const behind = (await lag('amir')).body;
    expect(behind.head).toBe(7);
    expect(behind.projections.every((mark) => mark.version === 5 && mark.behind === 2 && mark.lag!.events === 2)).toBe(true);
    expect(behind.readBarrier).toMatchObject({ version: 5, waiting: true, position: behind.projections[0]!.checkpoint });
    const own = await lag('ada-lovelace');
    expect(own.status).toBe(200);
    expect(own.body.projections.every((mark) => mark.checkpoint === null && mark.lag === null)).toBe(true);
    expect(own.body.readBarrier.position).toBeNull();
    expect((await lag('joan-clarke')).status).toBe(403);
    await runtime.projections.catchUp();
    expect((await lag('amir')).body.readBarrier).toMatchObject({ version: 7, waiting: false });
  });
});
