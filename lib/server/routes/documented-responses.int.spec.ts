import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../audit/checkpoints/signing-key';
import { DEMO_PASSWORD } from '../../auth/demo-users';
import { TransferProcess } from '../../transfer/transfer-process';
import type { RouteDefinition } from '../http/define-route';
import { expectDocumented } from '../http/testing/documented-response';
import { BASE, jsonRequest, params, signedInAs, useTemporaryEventStore, type TemporaryStore } from '../http/test-support';
import { webRuntime } from '../web-runtime';
import { apiRoutes } from './api';

/*
 * Every route, called for real, answers what its definition documents: a sweep over the whole
 * API (a new route fails here until it has a case), each answer checked against the schema of its
 * status, plus the common refusals (401, 400, 404, 422, 409, 503 read_model_behind).
 */

type Call = { params?: Record<string, string>; path: string; method?: string; body?: unknown; headers?: Record<string, string>; expect: number };

let db: TemporaryStore;
let teller: Record<string, string>;
let routes: Map<string, RouteDefinition>;
const seeded = { ada: '', grace: '', empty: '', transfer: '', commandId: 'sweep-deposit-1', position: 0 };

const route = (operationId: string): RouteDefinition => {
  const found = routes.get(operationId);
  if (!found) throw new Error(`No route ${operationId}`);
  return found;
};

const call = async (operationId: string, { params: values = {}, path, method, body, headers = teller, expect: status }: Call): Promise<unknown> => {
  const definition = route(operationId);
  const abort = new AbortController();
  const init: RequestInit = { method: method ?? definition.method, headers: { ...headers }, signal: abort.signal };
  const request = body === undefined ? new Request(`${BASE}${path}`, init) : jsonRequest(path, body, headers);
  const response = await definition.handler(request, params(values));
  expect(response.status, `${operationId} ${path}: ${response.status === status ? '' : await response.clone().text()}`).toBe(status);
  const parsed = await expectDocumented(definition, response);
  abort.abort();
  await response.body?.cancel().catch(() => undefined);
  return parsed;
};

beforeAll(async () => {
  delete process.env.CHRONICLE_IN_PROCESS_PROJECTIONS;
  // A key of the test's own: demo mode would keep one under data/, which is the servers'.
  process.env.CHRONICLE_AUDIT_SIGNING_KEY = generateSigningKey().pem;
  db = await useTemporaryEventStore();
  teller = await signedInAs('ann');
  routes = new Map(apiRoutes(webRuntime().aggregates).map((definition) => [definition.operationId, definition]));
  await webRuntime().projections.start();
  const open = async (owner: string) =>
    ((await call('openAccount', { path: '/api/accounts', body: { owner, currency: 'EUR' }, expect: 201 })) as { accountId: string }).accountId;
  seeded.ada = await open('Ada Lovelace');
  seeded.grace = await open('Grace Hopper');
  seeded.empty = await open('Nobody Yet');
  await call('openAccount', { path: '/api/accounts', body: { owner: 'Erin Sweep', customerId: 'erin-sweep', currency: 'EUR' }, expect: 201 });
  await call('depositMoney', {
    params: { accountId: seeded.ada },
    path: `/api/accounts/${seeded.ada}/deposit`,
    body: { amount: 100_000 },
    headers: { ...teller, 'idempotency-key': seeded.commandId },
    expect: 200,
  });
  const sent = (await call('requestTransfer', { path: '/api/transfers', body: { from: seeded.ada, to: seeded.grace, amount: 10_00, currency: 'EUR' }, expect: 202 })) as {
    transferId: string;
  };
  seeded.transfer = sent.transferId;
  await new TransferProcess(db.store, { stepTimeoutMs: 5_000, maxAttempts: 3 }).advance(sent.transferId);
  seeded.position = await db.store.headPosition();
}, 60_000);

afterAll(async () => {
  await webRuntime().projections.stop();
  await db?.release();
});

const cases = (): Record<string, Call[]> => {
  const { ada, grace, empty, transfer, commandId, position } = seeded;
  const stream = `account-${ada}`;
  const onStream = { streamId: stream };
  const fresh = `?after_position=${position}`;
  return {
    openAccount: [{ path: '/api/accounts', body: { owner: 'Edsger Dijkstra', currency: 'EUR' }, expect: 201 }],
    depositMoney: [
      { params: { accountId: ada }, path: `/api/accounts/${ada}/deposit`, body: { amount: 5_00 }, expect: 200 },
      { params: { accountId: ada }, path: `/api/accounts/${ada}/deposit`, body: { amount: -1 }, expect: 400 },
      { params: { accountId: ada }, path: `/api/accounts/${ada}/deposit`, body: { amount: 1 }, headers: { ...teller, 'if-match': '1' }, expect: 409 },
      { params: { accountId: 'nobody' }, path: '/api/accounts/nobody/deposit', body: { amount: 1 }, expect: 404 },
      { params: { accountId: ada }, path: `/api/accounts/${ada}/deposit`, body: { amount: 1 }, headers: {}, expect: 401 },
    ],
    withdrawMoney: [
      { params: { accountId: ada }, path: `/api/accounts/${ada}/withdraw`, body: { amount: 1_00 }, expect: 200 },
      { params: { accountId: empty }, path: `/api/accounts/${empty}/withdraw`, body: { amount: 1_00 }, expect: 422 },
    ],
    applyInterest: [
      {
        params: { accountId: ada },
        path: `/api/accounts/${ada}/interest`,
        body: { rateBasisPoints: 500, periodStart: '2025-01-01T00:00:00Z', periodEnd: '2025-12-31T00:00:00Z' },
        expect: 200,
      },
    ],
    closeAccount: [{ params: { accountId: empty }, path: `/api/accounts/${empty}/close`, body: {}, expect: 200 }],
    requestTransfer: [{ path: '/api/transfers', body: { from: ada, to: grace, amount: 1_00, currency: 'EUR' }, expect: 202 }],
    getTransfer: [{ params: { transferId: transfer }, path: `/api/transfers/${transfer}`, expect: 200 }],
    listAccounts: [
      { path: `/api/accounts${fresh}`, expect: 200 },
      { path: '/api/accounts?limit=0', expect: 400 },
      { path: `/api/accounts?after_position=${position + 1_000}&wait_ms=0`, expect: 400 },
    ],
    getAccountSummary: [
      { params: { accountId: ada }, path: `/api/accounts/${ada}/summary${fresh}`, expect: 200 },
      { params: { accountId: 'nobody' }, path: '/api/accounts/nobody/summary', expect: 404 },
      { params: { accountId: ada }, path: `/api/accounts/${ada}/summary`, headers: {}, expect: 401 },
    ],
    listAccountTransactions: [{ params: { accountId: ada }, path: `/api/accounts/${ada}/transactions${fresh}`, expect: 200 }],
    getAccountStateAt: [{ params: { accountId: ada }, path: `/api/accounts/${ada}/state?version=1`, expect: 200 }],
    getBankStats: [{ path: `/api/stats${fresh}`, expect: 200 }],
    getRelatedEvents: [{ params: onStream, path: `/api/streams/${stream}/related?eventId=00000000-0000-4000-8000-000000000000`, expect: 404 }],
    listStreams: [
      { path: '/api/streams?sort=size&limit=2', expect: 200 },
      { path: '/api/streams?sort=sideways', expect: 400 },
    ],
    getStreamEvents: [
      { params: onStream, path: `/api/streams/${stream}/events`, expect: 200 },
      { params: onStream, path: `/api/streams/${stream}/events?raw=1`, expect: 200 },
    ],
    verifyStream: [{ params: onStream, path: `/api/streams/${stream}/verification`, expect: 200 }],
    streamEvents: [{ path: '/api/events/stream?from=0', expect: 200 }],
    getStateAt: [{ params: onStream, path: `/api/streams/${stream}/state?version=2`, expect: 200 }],
    getStatesAt: [
      { params: onStream, path: `/api/streams/${stream}/states?versions=2,0,1,2`, expect: 200 },
      { params: onStream, path: `/api/streams/${stream}/states?versions=1,x`, expect: 400 },
      { params: onStream, path: `/api/streams/${stream}/states?versions=1,999999`, expect: 404 },
    ],
    getTimeline: [
      { params: onStream, path: `/api/streams/${stream}/timeline`, expect: 200 },
      { params: onStream, path: `/api/streams/${stream}/timeline?versions=1,2`, expect: 200 },
      { params: onStream, path: `/api/streams/${stream}/timeline?q=deposit`, expect: 200 },
      { params: onStream, path: `/api/streams/${stream}/timeline?density=buckets&buckets=4`, expect: 200 },
      { params: onStream, path: `/api/streams/${stream}/timeline?series=balance&points=4`, expect: 200 },
    ],
    getBreakpointHits: [{ params: onStream, path: `/api/streams/${stream}/timeline/breakpoints?expr=balance%20%3E%200`, expect: 200 }],
    getSnapshots: [{ params: onStream, path: `/api/streams/${stream}/state/snapshots`, expect: 200 }],
    getBlame: [
      { params: onStream, path: `/api/streams/${stream}/blame?path=balance`, expect: 200 },
      { params: onStream, path: `/api/streams/${stream}/blame?path=balance%3C0`, expect: 400 },
    ],
    scanHistory: [{ path: '/api/debugger/scan?expr=balance%20%3E%200&category=account', expect: 200 }],
    getStreamFindings: [{ params: onStream, path: `/api/streams/${stream}/findings`, expect: 200 }],
    replayStreamDecisions: [{ params: onStream, path: `/api/streams/${stream}/decisions`, expect: 200 }],
    getRefusedCommands: [{ params: onStream, path: `/api/streams/${stream}/refused-commands`, expect: 200 }],
    getProjectionDocumentSteps: [
      { params: { name: 'account-summary', id: ada }, path: `/api/projections/account-summary/documents/${ada}/steps`, expect: 200 },
      { params: { name: 'no-such-view', id: ada }, path: `/api/projections/no-such-view/documents/${ada}/steps`, expect: 404 },
    ],
    getProjectionDocumentBlame: [{ params: { name: 'account-summary', id: ada }, path: `/api/projections/account-summary/documents/${ada}/blame?path=balance`, expect: 200 }],
    getStreamProjectionLag: [{ params: onStream, path: `/api/streams/${stream}/projection-lag`, expect: 200 }],
    getCausalityLanes: [
      { params: onStream, path: `/api/streams/${stream}/causality`, expect: 200 },
      { params: onStream, path: `/api/streams/${stream}/causality?from=2030-01-01T00:00:00Z&to=2020-01-01T00:00:00Z`, expect: 400 },
    ],
    forkStream: [
      { params: onStream, path: `/api/streams/${stream}/fork`, body: { edits: [{ kind: 'skip', version: 2 }], breakpoint: 'balance > 0' }, expect: 200 },
      { params: onStream, path: `/api/streams/${stream}/fork`, body: { edits: [{ kind: 'skip', version: 99 }] }, expect: 400 },
    ],
    forkTestCase: [{ params: onStream, path: `/api/streams/${stream}/fork/test-case`, body: { edits: [{ kind: 'insert', after: 2, command: 'withdraw', input: { amount: 1 } }] }, expect: 200 }],
    getTestCase: [{ params: onStream, path: `/api/streams/${stream}/state/test-case?version=2`, expect: 200 }],
    getCommand: [{ params: { commandId }, path: `/api/commands/${commandId}`, expect: 200 }],
    verifyStore: [{ path: '/api/audit/verification', expect: 200 }],
    getFingerprint: [{ path: '/api/audit/fingerprint', expect: 200 }],
    getInclusionProof: [{ path: '/api/audit/proof?position=1', expect: 200 }],
    listAuditEvents: [{ path: '/api/audit/events?limit=2', expect: 200 }],
    exportAuditEventsCsv: [{ path: '/api/audit/events.csv', expect: 200 }],
    exportAuditEventsJsonLines: [{ path: '/api/audit/events.jsonl', expect: 200 }],
    getBankTotalsAt: [{ path: `/api/bank/totals?at=${new Date().toISOString()}`, expect: 200 }],
    getAuditPublicKey: [{ path: '/api/audit/public-key', headers: {}, expect: 200 }],
    verifyCheckpoint: [{ path: '/api/audit/checkpoints/verification', expect: 404 }],
    takeCheckpoint: [{ path: '/api/audit/checkpoints', method: 'POST', body: {}, expect: 200 }],
    exportEvidencePack: [
      { path: `/api/audit/evidence-pack?streams=${stream}`, expect: 200 },
      { path: '/api/audit/evidence-pack?streams=account-nobody', expect: 404 },
      { path: '/api/audit/evidence-pack?streams=nodash', expect: 400 },
    ],
    listCheckpoints: [
      { path: '/api/audit/checkpoints', expect: 200 },
      { path: '/api/audit/checkpoints', headers: {}, expect: 401 },
    ],
    eraseCustomer: [
      { params: { customerId: 'erin-sweep' }, path: '/api/customers/erin-sweep/erasure', body: { reason: 'Asked to be forgotten' }, expect: 200 },
      { params: { customerId: 'erin-sweep' }, path: '/api/customers/erin-sweep/erasure', body: { reason: 'Asked to be forgotten' }, expect: 409 },
      { params: { customerId: 'nobody-here' }, path: '/api/customers/nobody-here/erasure', body: { reason: 'Asked to be forgotten' }, expect: 404 },
      { params: { customerId: 'nobody-here' }, path: '/api/customers/nobody-here/erasure', body: { reason: '' }, expect: 400 },
    ],
    listProjections: [{ path: '/api/projections', expect: 200 }],
    retryProjection: [{ params: { name: 'account-summary' }, path: '/api/projections/account-summary/retry', method: 'POST', body: {}, expect: 422 }],
    getOutboxStatus: [{ path: '/api/outbox', expect: 200 }],
    listParkedMessages: [{ path: '/api/outbox/parked', expect: 200 }],
    retryParkedMessage: [{ params: { position: '999999' }, path: '/api/outbox/parked/999999/retry', body: {}, expect: 404 }],
    listNotifications: [{ path: '/api/notifications', expect: 200 }],
    getSession: [{ path: '/api/session', expect: 200 }],
    signIn: [{ path: '/api/session', body: { username: 'ann', password: DEMO_PASSWORD }, headers: {}, expect: 200 }],
    signOut: [{ path: '/api/session', method: 'DELETE', headers: { origin: BASE }, expect: 204 }],
    getOpenApiDocument: [{ path: '/api/openapi.json', headers: {}, expect: 200 }],
  };
};

describe('every route answers as its definition documents', () => {
  it('has a case for every route of the API', () => {
    expect([...routes.keys()].filter((operationId) => !(operationId in cases())).sort()).toEqual([]);
  });

  it('answers each case with a documented status and body', async () => {
    for (const [operationId, calls] of Object.entries(cases())) {
      for (const each of calls) await call(operationId, each);
    }
  }, 120_000);
});
