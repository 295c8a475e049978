import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrailPage, TrailRow } from '../../audit/audit-trail';
import type { BankTotalsAt } from '../../audit/bank-totals-at';
import type { FingerprintCheck, InclusionProof } from '../../audit/fingerprints';
import type { MerkleFingerprint, VerificationReport } from '../../audit/verify-chain';
import { closed, deposited, opened, withdrawn } from '../../domain/account/testing/fixtures';
import type { AccountStateAt } from '../audit-service';
import { BASE, params, useTemporaryEventStore, type ErrorJson, type TemporaryStore, signedInAs } from './test-support';
import { accountStateAtRoute } from '../routes/accounts';
import { auditEvents, auditEventsCsv, auditEventsJsonLines, bankTotalsAt, fingerprint, inclusionProof, storeVerification, type CountedTrailPage } from '../routes/audit';
import { streamVerification } from '../routes/streams';

const stateAtRoute = accountStateAtRoute.handler;
const csvRoute = auditEventsCsv.handler;
const jsonlRoute = auditEventsJsonLines.handler;
const eventsRoute = auditEvents.handler;
const fingerprintRoute = fingerprint.handler;
const proofRoute = inclusionProof.handler;
const storeVerificationRoute = storeVerification.handler;
const totalsRoute = bankTotalsAt.handler;
const streamVerificationRoute = streamVerification.handler;

let db: TemporaryStore;
const moments: Record<string, string> = {};
const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
const meta = (actor: string, correlationId: string, causationId: string | null = null) => ({ metadata: { actor, correlationId, causationId } });

/** Requests from the auditor: the audit routes are for auditors and staff (auth-routes.int.spec covers refusals). */
let auditor: Record<string, string> = {};
const get = (path: string) => new Request(`${BASE}${path}`, { headers: auditor });
const json = async <T>(response: Response | Promise<Response>, status = 200): Promise<T> => {
  const answer = await response;
  expect(answer.status, await answer.clone().text()).toBe(status);
  return (await answer.json()) as T;
};
const errorCode = async (response: Response | Promise<Response>, status: number) => (await json<ErrorJson>(response, status)).error.code;

beforeAll(async () => {
  db = await useTemporaryEventStore();
  auditor = await signedInAs('amir');
  moments.beforeAnything = new Date(Date.now() - 1000).toISOString();
  await db.store.appendToStream('account-a1', [{ ...opened(0), ...meta('teller:tess', 'open-a1') }]);
  await db.store.appendToStream('account-a1', [{ ...deposited(10_000), ...meta('customer:ada', 'dep-a1') }]);
  await pause();
  moments.afterFirstDeposit = new Date().toISOString();
  await pause();
  await db.store.appendToStream('account-b2', [{ ...opened(0, 'EUR'), ...meta('teller:tess', 'open-b2') }]);
  // A transfer: one correlation id across the debit and the credit.
  await db.store.appendToStream('account-a1', [{ ...withdrawn(2_500), ...meta('customer:ada', 'transfer-t1', 'cmd-t1') }]);
  await db.store.appendToStream('account-b2', [{ ...deposited(2_500), ...meta('customer:ada', 'transfer-t1', 'cmd-t1') }]);
  await db.store.appendToStream('account-c3', [{ ...opened(0, 'USD'), ...meta('teller:tess', 'open-c3') }]);
  await db.store.appendToStream('account-c3', [{ ...deposited(700), ...meta('system', 'dep-c3') }, { ...withdrawn(700), ...meta('system', 'wd-c3') }]);
  await db.store.appendToStream('account-c3', [{ ...closed(), ...meta('teller:tess', 'close-c3') }]);
});
afterAll(async () => db.release());

describe('GET /api/audit/events', () => {
  it('answers pages newest first by default, with a cursor to the next page', async () => {
    const first = await json<TrailPage>(eventsRoute(get('/api/audit/events?limit=4')));
    expect(first.rows.map((row) => row.globalPosition)).toEqual([9, 8, 7, 6]);
    expect(first.nextCursor).toBe(6);
    const rest = await json<TrailPage>(eventsRoute(get('/api/audit/events?limit=100&cursor=6')));
    expect(rest.rows.map((row) => row.globalPosition)).toEqual([5, 4, 3, 2, 1]);
    expect(rest.nextCursor).toBeNull();
    expect(first.rows[0]).toMatchObject({ streamId: 'account-c3', streamVersion: 4, type: 'AccountClosed', actor: 'teller:tess', correlationId: 'close-c3' });
  });

  it('filters by actor, types (listed or repeated), correlation id, stream, category and time', async () => {
    const positions = async (query: string) => (await json<TrailPage>(eventsRoute(get(`/api/audit/events?order=asc&${query}`)))).rows.map((row) => row.globalPosition);
    expect(await positions('actor=teller:tess')).toEqual([1, 3, 6, 9]);
    expect(await positions('type=MoneyWithdrawn,AccountClosed')).toEqual([4, 8, 9]);
    expect(await positions('type=MoneyWithdrawn&type=AccountClosed')).toEqual([4, 8, 9]);
    expect(await positions('correlationId=transfer-t1')).toEqual([4, 5]);
    expect(await positions('causationId=cmd-t1')).toEqual([4, 5]);
    expect(await positions('streamId=account-b2')).toEqual([3, 5]);
    expect(await positions('category=account&actor=system')).toEqual([7, 8]);
    expect(await positions(`to=${encodeURIComponent(moments.afterFirstDeposit!)}`)).toEqual([1, 2]);
    expect(await positions(`from=${encodeURIComponent(moments.afterFirstDeposit!)}&type=AccountOpened`)).toEqual([3, 6]);
  });

  it('reads event types in any case and a bare user name as that user\'s actor, and counts the matches', async () => {
    const page = await json<CountedTrailPage>(eventsRoute(get('/api/audit/events?order=asc&type=moneywithdrawn,ACCOUNTCLOSED&limit=2')));
    expect(page.rows.map((row) => row.globalPosition)).toEqual([4, 8]);
    expect(page).toMatchObject({ matched: 3, moreMatch: false, types: ['MoneyWithdrawn', 'AccountClosed'], actor: null });
    // `ann` is a demo teller: her bare name is the actor she signs as (she wrote nothing here).
    expect(await json<CountedTrailPage>(eventsRoute(get('/api/audit/events?actor=Ann')))).toMatchObject({ rows: [], matched: 0, actor: 'teller:ann' });
    // A name nobody signs as is matched as typed.
    expect(await json<CountedTrailPage>(eventsRoute(get('/api/audit/events?actor=system')))).toMatchObject({ matched: 2, actor: 'system' });
    expect(await json<CountedTrailPage>(eventsRoute(get('/api/audit/events')))).toMatchObject({ matched: 9, moreMatch: false });
  });

  it('refuses malformed filters with the field named, and writes nothing', async () => {
    const issues = async (query: string) => (await json<ErrorJson>(eventsRoute(get(`/api/audit/events?${query}`)), 400)).error.issues?.map((issue) => issue.path);
    expect(await issues('from=yesterday')).toEqual(['from']);
    expect(await issues('from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z')).toEqual(['to']);
    expect(await issues('limit=0')).toEqual(['limit']);
    expect(await issues('limit=501')).toEqual(['limit']);
    expect(await issues('cursor=-1')).toEqual(['cursor']);
    expect(await issues('cursor=1&cursor=2')).toEqual(['cursor']);
    expect(await issues('order=sideways')).toEqual(['order']);
    expect(await issues('type=Money%20Deposited')).toEqual(['type']);
    expect(await issues('streamId=nodash')).toEqual(['streamId']);
  });
});

describe('exports', () => {
  it('streams CSV as an attachment, header first, one line per event', async () => {
    const response = await csvRoute(get('/api/audit/events.csv?actor=customer:ada'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="chronicle-audit-\d{8}T\d{6}Z\.csv"$/);
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^global_position,recorded_at,stream_id,stream_version,type,/);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['2', '4', '5']);
  });

  it('streams JSON Lines in global order', async () => {
    const response = await jsonlRoute(get('/api/audit/events.jsonl?category=account'));
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/\.jsonl"$/);
    const rows = (await response.text()).trimEnd().split('\n').map((line) => JSON.parse(line) as TrailRow);
    expect(rows.map((row) => row.globalPosition)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('answers a bad filter with a JSON error, not a broken file', async () => {
    expect(await errorCode(csvRoute(get('/api/audit/events.csv?from=nope')), 400)).toBe('validation_failed');
  });
});

describe('GET /api/accounts/{accountId}/state', () => {
  const stateAt = (accountId: string, query: string) => stateAtRoute(get(`/api/accounts/${accountId}/state?${query}`), params({ accountId }));

  it('answers the state at a version', async () => {
    const answer = await json<AccountStateAt>(stateAt('a1', 'version=2'));
    expect(answer).toMatchObject({ accountId: 'a1', version: 2, head: 3, opened: true, asOf: { version: 2 }, state: { status: 'open', balance: 10_000 } });
  });

  it('answers the state at a time, between events', async () => {
    const answer = await json<AccountStateAt>(stateAt('a1', `at=${encodeURIComponent(moments.afterFirstDeposit!)}`));
    expect(answer).toMatchObject({ version: 2, state: { balance: 10_000 }, asOf: { at: moments.afterFirstDeposit } });
  });

  it('says plainly when the account was not yet opened', async () => {
    const answer = await json<AccountStateAt>(stateAt('b2', `at=${encodeURIComponent(moments.afterFirstDeposit!)}`));
    expect(answer).toMatchObject({ version: 0, opened: false, state: { status: 'none' }, recordedAt: null });
    expect(answer.message).toBe(`Account b2 was not yet opened at ${moments.afterFirstDeposit}`);
  });

  it('refuses both or neither of at and version, and malformed values', async () => {
    expect(await errorCode(stateAt('a1', 'version=1&at=2026-03-01T00:00:00Z'), 400)).toBe('validation_failed');
    expect(await errorCode(stateAt('a1', ''), 400)).toBe('validation_failed');
    expect(await errorCode(stateAt('a1', 'at=tuesday'), 400)).toBe('validation_failed');
    expect(await errorCode(stateAt('a1', 'version=-2'), 400)).toBe('validation_failed');
  });

  it('answers 404 for an unknown account and for a version beyond the head', async () => {
    expect(await errorCode(stateAt('nobody', 'version=1'), 404)).toBe('account_not_found');
    expect(await errorCode(stateAt('bad%20id', 'version=1'), 404)).toBe('account_not_found');
    expect(await errorCode(stateAt('a1', 'version=99'), 404)).toBe('version_not_found');
  });
});

describe('GET /api/bank/totals?at=', () => {
  const totalsAt = (at: string) => json<BankTotalsAt>(totalsRoute(get(`/api/bank/totals?at=${encodeURIComponent(at)}`)));

  it('answers the totals as the books stood, from the events', async () => {
    expect(await totalsAt(moments.beforeAnything!)).toMatchObject({ position: 0, accountsByStatus: { open: 0, closed: 0 }, totalsByCurrency: [] });
    expect(await totalsAt(moments.afterFirstDeposit!)).toMatchObject({
      position: 2,
      accountsByStatus: { open: 1, closed: 0 },
      totalsByCurrency: [{ currency: 'EUR', balance: 10_000, accounts: 1 }],
    });
    expect(await totalsAt(new Date(Date.now() + 60_000).toISOString())).toMatchObject({
      position: 9,
      eventsFolded: 9,
      accountsByStatus: { open: 2, closed: 1 },
      totalsByCurrency: [
        { currency: 'EUR', balance: 10_000, accounts: 2 },
        { currency: 'USD', balance: 0, accounts: 1 },
      ],
    });
  });

  it('needs a well-formed at', async () => {
    expect(await errorCode(totalsRoute(get('/api/bank/totals')), 400)).toBe('validation_failed');
    expect(await errorCode(totalsRoute(get('/api/bank/totals?at=soon')), 400)).toBe('validation_failed');
  });
});

describe('fingerprints and proofs', () => {
  it('gives a root to write down and checks it later', async () => {
    const fingerprint = await json<MerkleFingerprint>(fingerprintRoute(get('/api/audit/fingerprint?position=6')));
    expect(fingerprint).toMatchObject({ position: 6, eventCount: 6, algorithm: 'rfc9162-sha256' });
    const check = (root: string) => json<FingerprintCheck>(fingerprintRoute(get(`/api/audit/fingerprint?position=6&root=${root}`)));
    expect(await check(fingerprint.root)).toMatchObject({ ok: true, eventCount: 6 });
    expect(await check('0'.repeat(64))).toMatchObject({ ok: false, actualRoot: fingerprint.root });
    expect((await json<MerkleFingerprint>(fingerprintRoute(get('/api/audit/fingerprint')))).position).toBe(9);
    expect(await errorCode(fingerprintRoute(get('/api/audit/fingerprint?position=99')), 400)).toBe('validation_failed');
    expect(await errorCode(fingerprintRoute(get(`/api/audit/fingerprint?root=${fingerprint.root}`)), 400)).toBe('validation_failed');
  });

  it('proves one event is in a tree', async () => {
    const proof = await json<InclusionProof>(proofRoute(get('/api/audit/proof?position=4&treePosition=9')));
    expect(proof).toMatchObject({ position: 4, leafIndex: 3, treeSize: 9, verified: true });
  });
});

describe('verification routes', () => {
  const verifyStream = (streamId: string) => streamVerificationRoute(get(`/api/streams/${streamId}/verification`), params({ streamId }));

  it('reports an intact stream and store as verified', async () => {
    expect(await json<VerificationReport>(verifyStream('account-a1'))).toMatchObject({ ok: true, scope: 'stream', eventsChecked: 3 });
    expect(await json<VerificationReport>(storeVerificationRoute(get('/api/audit/verification')))).toMatchObject({ ok: true, eventsChecked: 9, streamsChecked: 3 });
    expect(await errorCode(verifyStream('account-nobody'), 404)).toBe('stream_not_found');
  });

  it('reports the first broken link after the database is edited', async () => {
    const file = new Database(process.env.DATABASE_URL!.slice('file:'.length));
    file.exec('DROP TRIGGER events_refuse_update');
    file.prepare("UPDATE events SET data = json_set(data, '$.amount', 1) WHERE position = 5").run();
    file.close();
    const report = await json<VerificationReport>(verifyStream('account-b2'));
    expect(report).toMatchObject({ ok: false, firstBreak: { streamId: 'account-b2', streamVersion: 2, globalPosition: 5, problem: 'hash_mismatch' } });
    expect((await json<VerificationReport>(verifyStream('account-a1'))).ok).toBe(true);
    expect((await json<VerificationReport>(storeVerificationRoute(get('/api/audit/verification')))).firstBreak).toMatchObject({ globalPosition: 5 });
  });
});
