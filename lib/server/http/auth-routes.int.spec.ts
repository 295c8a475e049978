import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../auth/demo-users';
import { customerIdForHolder } from '../../domain/account/legacy-customers';
import type { ProjectionManager } from '../../projections/projection-manager';
import { resetSignInLimits, SIGN_IN_LIMITS } from '../auth/sign-in-limiter';
import { webRuntime } from '../web-runtime';
import { parseSse } from '../sse/sse-format';
import { BASE, basicAuth, jsonRequest, params, signedInAs, startProjections, useTemporaryEventStore, type ErrorJson, type TemporaryStore } from './test-support';
import { accountStateAtRoute, accountSummary, accountTransactions, bankStats, listAccounts } from '../routes/accounts';
import { auditEvents, bankTotalsAt } from '../routes/audit';
import { transferStatusRoute } from '../routes/transfers';
import { commandHandlerOf } from '../routes/commands';
import { streamState } from '../routes/debugger';
import { outbox, projections, retryParked, retryProjection } from '../routes/operations';
import { getSession, signIn, signOut } from '../routes/session';
import { eventStream, streamEvents, streamVerification } from '../routes/streams';

const closeRoute = commandHandlerOf('account', 'close');
const depositRoute = commandHandlerOf('account', 'deposit');
const interestRoute = commandHandlerOf('account', 'interest');
const summaryRoute = accountSummary.handler;
const transactionsRoute = accountTransactions.handler;
const withdrawRoute = commandHandlerOf('account', 'withdraw');
const listRoute = listAccounts.handler;
const openRoute = commandHandlerOf('account', 'open');
const eventStreamRoute = eventStream.handler;
const retryRoute = retryProjection.handler;
const projectionsRoute = projections.handler;
const signOutRoute = signOut.handler;
const sessionRoute = getSession.handler;
const signInRoute = signIn.handler;
const statsRoute = bankStats.handler;
const bankTotalsAtRoute = bankTotalsAt.handler;
const streamEventsRoute = streamEvents.handler;
const stateRoute = streamState.handler;

/* Who may do what, through the route handlers: every refusal is 401/403 and writes nothing. */

type Written = { accountId: string; version: number; globalPosition: number };
type Headers = Record<string, string>;

let db: TemporaryStore;
let manager: ProjectionManager;
let ann: Headers;
let amir: Headers;
let ada: Headers;
let adaAccount: string;
let graceAccount: string;

const INTEREST = { rateBasisPoints: 100, periodStart: '2026-01-01T00:00:00Z', periodEnd: '2026-02-01T00:00:00Z' };
const COMMANDS = {
  deposit: { route: depositRoute, body: { amount: 1_00 } },
  withdraw: { route: withdrawRoute, body: { amount: 1_00 } },
  close: { route: closeRoute, body: {} },
  interest: { route: interestRoute, body: INTEREST },
} as const;
type CommandName = keyof typeof COMMANDS;

const command = (name: CommandName, accountId: string, headers: Headers, body: unknown = COMMANDS[name].body) =>
  COMMANDS[name].route(jsonRequest(`/api/accounts/${accountId}/${name}`, body, headers), params({ accountId }));
/** Opens an account for the customer the demo made for that name (`Ada Lovelace` → `ada-lovelace`); null leaves the id out (a customer's own is filled in). */
const open = (owner: string, headers: Headers, customerId: string | null = customerIdForHolder(owner)) =>
  openRoute(jsonRequest('/api/accounts', { owner, currency: 'EUR', ...(customerId ? { customerId } : {}) }, headers));
const get = (path: string, headers: Headers) => new Request(`${BASE}${path}`, { headers });

/** The response, after checking its status and code and that the store did not move. */
const refused = async (response: Promise<Response>, status: number, code: string): Promise<Response> => {
  const head = await db.store.headPosition();
  const answer = await response;
  expect(answer.status).toBe(status);
  expect(((await answer.clone().json()) as ErrorJson).error.code).toBe(code);
  expect(await db.store.headPosition()).toBe(head);
  return answer;
};

const written = async (response: Promise<Response>, status = 200): Promise<Written> => {
  const answer = await response;
  expect(answer.status, JSON.stringify(await answer.clone().json())).toBe(status);
  return (await answer.json()) as Written;
};

beforeAll(async () => {
  delete process.env.CHRONICLE_IN_PROCESS_PROJECTIONS;
  db = await useTemporaryEventStore({ usersInStore: true });
  manager = startProjections();
  await manager.start();
  [ann, amir, ada] = await Promise.all([signedInAs('ann'), signedInAs('amir'), signedInAs('ada-lovelace')]);
  adaAccount = (await written(open('Ada Lovelace', ann), 201)).accountId;
  graceAccount = (await written(open('Grace Hamilton', ann), 201)).accountId;
  await written(command('deposit', adaAccount, ann, { amount: 500_00 }));
  const last = await written(command('deposit', graceAccount, ann, { amount: 700_00 }));
  await manager.waitForPosition(last.globalPosition, 5_000);
});

afterAll(async () => {
  await manager?.stop();
  await webRuntime().readDb.$disconnect();
  await db?.release();
});

beforeEach(() => resetSignInLimits());

describe('anonymous callers', () => {
  it('get 401 from every command, and nothing is written', async () => {
    for (const name of Object.keys(COMMANDS) as CommandName[]) await refused(command(name, adaAccount, {}), 401, 'unauthenticated');
    await refused(open('Ada Lovelace', {}), 401, 'unauthenticated');
    await refused(retryRoute(new Request(`${BASE}/api/projections/account-summaries/retry`, { method: 'POST' }), params({ name: 'account-summaries' })), 401, 'unauthenticated');
  });

  it('get 401 from every read, the event stream included', async () => {
    const account = { accountId: adaAccount };
    const stream = { streamId: `account-${adaAccount}` };
    for (const response of [
      listRoute(get('/api/accounts', {})),
      summaryRoute(get(`/api/accounts/${adaAccount}/summary`, {}), params(account)),
      transactionsRoute(get(`/api/accounts/${adaAccount}/transactions`, {}), params(account)),
      statsRoute(get('/api/stats', {})),
      projectionsRoute(get('/api/projections', {})),
      streamEventsRoute(get(`/api/streams/${stream.streamId}/events`, {}), params(stream)),
      stateRoute(get(`/api/streams/${stream.streamId}/state?version=1`, {}), params(stream)),
      eventStreamRoute(get('/api/events/stream', {})),
      sessionRoute(get('/api/session', {})),
    ]) {
      await refused(response, 401, 'unauthenticated');
    }
  });

  it('cannot forge a session: a tampered cookie is nobody', async () => {
    const [name, value] = ann.cookie!.split('=', 2) as [string, string];
    const forged = { cookie: `${name}=${value.slice(0, -4)}AAAA`, origin: BASE };
    await refused(command('deposit', adaAccount, forged), 401, 'unauthenticated');
    await refused(command('deposit', adaAccount, { cookie: 'chronicle-actor=teller:ann', 'x-demo-actor': 'teller:ann', origin: BASE }), 401, 'unauthenticated');
  });
});

describe('auditors', () => {
  it('may issue no command: 403 read_only_role, nothing written', async () => {
    for (const name of Object.keys(COMMANDS) as CommandName[]) await refused(command(name, adaAccount, amir), 403, 'read_only_role');
    await refused(open('Amir Nasser', amir), 403, 'read_only_role');
    await refused(
      retryRoute(new Request(`${BASE}/api/projections/account-summaries/retry`, { method: 'POST', headers: amir }), params({ name: 'account-summaries' })),
      403,
      'read_only_role',
    );
  });

  it('read everything: every account, stream, statistic and projection', async () => {
    const list = (await (await listRoute(get('/api/accounts?limit=100', amir))).json()) as { items: Array<{ accountId: string }> };
    expect(list.items.map((item) => item.accountId)).toEqual(expect.arrayContaining([adaAccount, graceAccount]));
    expect((await summaryRoute(get(`/api/accounts/${graceAccount}/summary`, amir), params({ accountId: graceAccount }))).status).toBe(200);
    expect((await streamEventsRoute(get(`/api/streams/account-${graceAccount}/events`, amir), params({ streamId: `account-${graceAccount}` }))).status).toBe(200);
    expect((await projectionsRoute(get('/api/projections', amir))).status).toBe(200);
    expect((await statsRoute(get('/api/stats', amir))).status).toBe(200);
  });
});

describe('customers', () => {
  it('act on their own accounts, recorded as themselves', async () => {
    const deposited = await written(command('deposit', adaAccount, ada, { amount: 12_34 }));
    const [event] = await db.store.readStream(`account-${adaAccount}`, { fromVersion: deposited.version });
    expect(event?.metadata.actor).toBe('customer:ada-lovelace');
  });

  it('may not touch another customer’s account: 403 not_your_account, nothing written', async () => {
    for (const name of ['deposit', 'withdraw', 'close'] as const) await refused(command(name, graceAccount, ada), 403, 'not_your_account');
  });

  it('may not apply interest, even to their own account', async () => {
    await refused(command('interest', adaAccount, ada), 403, 'staff_only');
  });

  it('open accounts for themselves only (their own customer id, filled in when left out), and can use a just-opened one at once', async () => {
    await refused(open('Grace Hamilton', ada), 403, 'not_own_customer');
    // Their own customer id under another's name is refused too: the holder's name is what payees see.
    await refused(open('Grace Hamilton', ada, 'ada-lovelace'), 403, 'not_own_name');
    await refused(open('Grace Hamilton', ada, null), 403, 'not_own_name');
    await refused(open('Ada Lovelace', ada, 'ada-lovelace-2'), 403, 'not_own_customer');
    const named = await written(open('Ada Lovelace', ada, 'ada-lovelace'), 201);
    expect((await db.store.readStream(`account-${named.accountId}`))[0]?.data).toMatchObject({ customerId: 'ada-lovelace' });
    const opened = await written(open('Ada Lovelace', ada, null), 201);
    expect((await db.store.readStream(`account-${opened.accountId}`))[0]?.data).toMatchObject({ customerId: 'ada-lovelace' });
    // Ownership comes from the events, not a read model that may not have caught up yet.
    await written(command('deposit', opened.accountId, ada, { amount: 5_00 }));
    expect((await db.store.readStream(`account-${opened.accountId}`)).map((event) => event.metadata.actor)).toEqual([
      'customer:ada-lovelace',
      'customer:ada-lovelace',
    ]);
  });

  it('get 404 for an account that does not exist, as staff would', async () => {
    await refused(command('deposit', 'no-such-account', ada), 404, 'account_not_found');
  });

  it('read only their own accounts, transactions and streams', async () => {
    const mine = { accountId: adaAccount };
    const theirs = { accountId: graceAccount };
    expect((await summaryRoute(get(`/api/accounts/${adaAccount}/summary`, ada), params(mine))).status).toBe(200);
    await refused(summaryRoute(get(`/api/accounts/${graceAccount}/summary`, ada), params(theirs)), 403, 'not_your_account');
    await refused(transactionsRoute(get(`/api/accounts/${graceAccount}/transactions`, ada), params(theirs)), 403, 'not_your_account');
    const stream = { streamId: `account-${graceAccount}` };
    await refused(streamEventsRoute(get(`/api/streams/${stream.streamId}/events`, ada), params(stream)), 403, 'not_your_account');
    await refused(stateRoute(get(`/api/streams/${stream.streamId}/state?version=1`, ada), params(stream)), 403, 'not_your_account');
    const other = { streamId: 'migration-account-x' };
    await refused(streamEventsRoute(get('/api/streams/migration-account-x/events', ada), params(other)), 403, 'staff_only');
    await refused(projectionsRoute(get('/api/projections', ada)), 403, 'staff_only');
  });

  it('see their own figures, never the bank’s, and not the bank’s books at a past instant', async () => {
    const own = (await (await statsRoute(get('/api/stats', ada))).json()) as { accountsByStatus: { open: number }; totalsByCurrency: Array<{ balance: number; accounts: number }> };
    const bank = (await (await statsRoute(get('/api/stats', ann))).json()) as typeof own;
    const adaAccounts = (await (await listRoute(get('/api/accounts', ada))).json()) as { items: Array<{ balance: number }> };
    expect(own.accountsByStatus.open).toBe(adaAccounts.items.length);
    expect(own.totalsByCurrency.reduce((sum, total) => sum + total.accounts, 0)).toBe(adaAccounts.items.length);
    expect(own.totalsByCurrency.reduce((sum, total) => sum + total.balance, 0)).toBe(adaAccounts.items.reduce((sum, item) => sum + item.balance, 0));
    expect(bank.accountsByStatus.open).toBeGreaterThan(own.accountsByStatus.open);
    await refused(bankTotalsAtRoute(get(`/api/bank/totals?at=${encodeURIComponent(new Date().toISOString())}`, ada)), 403, 'staff_only');
    expect((await bankTotalsAtRoute(get(`/api/bank/totals?at=${encodeURIComponent(new Date().toISOString())}`, amir))).status).toBe(200);
  });

  it('list only their own accounts, whatever owner they ask for', async () => {
    for (const query of ['', '?owner=Grace%20Hamilton']) {
      const page = (await (await listRoute(get(`/api/accounts${query}`, ada))).json()) as { items: Array<{ owner: string }> };
      expect(page.items.length).toBeGreaterThan(0);
      expect(new Set(page.items.map((item) => item.owner))).toEqual(new Set(['Ada Lovelace']));
    }
  });

  it('receive live events of their own accounts only', async () => {
    const abort = new AbortController();
    const response = await eventStreamRoute(new Request(`${BASE}/api/events/stream?from=0`, { headers: ada, signal: abort.signal }));
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const deadline = Date.now() + 5_000;
    const own = (await db.store.readStream(`account-${adaAccount}`)).length;
    while (Date.now() < deadline && parseSse(text).filter((frame) => frame.event === 'event').length < own) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    abort.abort();
    const streams = new Set(parseSse(text).filter((frame) => frame.event === 'event').map((frame) => (JSON.parse(frame.data) as { streamId: string }).streamId));
    expect(streams.has(`account-${adaAccount}`)).toBe(true);
    expect(streams.has(`account-${graceAccount}`)).toBe(false);
  });
});

describe('tellers', () => {
  it('act on any account and open accounts for anyone', async () => {
    await written(command('deposit', graceAccount, ann));
    await written(command('interest', graceAccount, ann));
    await written(open('Someone New', ann), 201);
  });
});

describe('cross-site requests', () => {
  it('refuses a cookie-authenticated POST from another site, or naming none, writing nothing', async () => {
    const cookie = { cookie: ann.cookie! };
    await refused(command('deposit', adaAccount, { ...cookie, origin: 'https://evil.example' }), 403, 'cross_site_request');
    await refused(command('deposit', adaAccount, { ...cookie, 'sec-fetch-site': 'cross-site' }), 403, 'cross_site_request');
    await refused(command('deposit', adaAccount, cookie), 403, 'cross_site_request');
    await written(command('deposit', adaAccount, { ...cookie, 'sec-fetch-site': 'same-origin' }));
  });

  it('lets an API client with Authorization: Basic through without an Origin, but not from another site', async () => {
    await written(command('deposit', adaAccount, basicAuth('ann')));
    await refused(command('deposit', adaAccount, { ...basicAuth('ann'), origin: 'https://evil.example' }), 403, 'cross_site_request');
  });

  it('refuses a sign-in posted from another site', async () => {
    await refused(signInRoute(jsonRequest('/api/session', { username: 'ann', password: DEMO_PASSWORD }, { origin: 'https://evil.example' })), 403, 'cross_site_request');
  });
});

describe('sign-in', () => {
  const signIn = (username: string, password: string, address = '203.0.113.7') =>
    signInRoute(jsonRequest('/api/session', { username, password }, { 'x-chronicle-peer': address }));

  it('sets a sealed, http-only, SameSite=Lax cookie that identifies the user, until sign-out', async () => {
    const response = await signIn('ada-lovelace', DEMO_PASSWORD);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ principal: { id: 'customer:ada-lovelace', role: 'customer', holderName: 'Ada Lovelace' } });
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^chronicle-session=Fe26\.2\*/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=lax/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/i);
    const cookie = setCookie.split(';')[0]!;
    const me = await sessionRoute(get('/api/session', { cookie }));
    expect(((await me.json()) as { principal: { name: string } }).principal.name).toBe('Ada Lovelace');
    const out = await signOutRoute(new Request(`${BASE}/api/session`, { method: 'DELETE', headers: { cookie, origin: BASE } }));
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/chronicle-session=;.*Max-Age=0/i);
  });

  it('marks the cookie Secure when served over https', async () => {
    const response = await signInRoute(jsonRequest('/api/session', { username: 'ann', password: DEMO_PASSWORD }, { 'x-forwarded-proto': 'https' }));
    expect(response.headers.get('set-cookie')).toMatch(/Secure/i);
  });

  it('answers a wrong password and an unknown user alike: 401 invalid_credentials', async () => {
    for (const [username, password] of [
      ['ann', 'wrong-password'],
      ['nobody', DEMO_PASSWORD],
    ] as const) {
      const response = await signIn(username, password);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_credentials', message: 'Wrong username or password.' } });
      expect(response.headers.get('set-cookie')).toBeNull();
    }
    await refused(command('deposit', adaAccount, basicAuth('ann', 'wrong-password')), 401, 'invalid_credentials');
  });

  it('limits failed attempts per address and username: 429 with Retry-After, even for the right password', async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.perUser.points; i++) expect((await signIn('ann', `guess-${i}`)).status).toBe(401);
    const limited = await signIn('ann', DEMO_PASSWORD);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(60);
    expect(await limited.json()).toMatchObject({ error: { code: 'too_many_attempts', message: expect.stringMatching(/Try again in \d+ minutes/) } });
    // Basic credentials count against the same limit.
    await refused(command('deposit', adaAccount, { ...basicAuth('ann'), 'x-chronicle-peer': '203.0.113.7' }), 429, 'too_many_attempts');
    // Another user from that address, and the same user from elsewhere, are not locked out.
    expect((await signIn('amir', DEMO_PASSWORD)).status).toBe(200);
    expect((await signIn('ann', DEMO_PASSWORD, '198.51.100.20')).status).toBe(200);
  });
});

describe('transfers, audit and operations follow the same rules', () => {
  const transfer = (from: string, to: string, headers: Headers) =>
    commandHandlerOf('transfer', 'send')(jsonRequest('/api/transfers', { from, to, amount: 1_00, currency: 'EUR' }, headers));

  it('lets a customer send money only from her own account, and auditors none', async () => {
    await refused(transfer(graceAccount, adaAccount, ada), 403, 'not_your_account');
    await refused(transfer(adaAccount, graceAccount, amir), 403, 'read_only_role');
    await refused(transfer(adaAccount, graceAccount, {}), 401, 'unauthenticated');
    const accepted = await transfer(adaAccount, graceAccount, ada);
    expect(accepted.status).toBe(202);
    const { transferId } = (await accepted.json()) as { transferId: string };
    // Ada sees her own transfer, and so does the auditor.
    const asAda = await transferStatusRoute.handler(get(`/api/transfers/${transferId}`, ada), params({ transferId }));
    expect(asAda.status).toBe(200);
    expect((await transferStatusRoute.handler(get(`/api/transfers/${transferId}`, amir), params({ transferId }))).status).toBe(200);
  });

  it('keeps the audit trail and the outbox from customers, and the outbox retry from auditors', async () => {
    await refused(auditEvents.handler(get('/api/audit/events', ada)), 403, 'staff_only');
    await refused(auditEvents.handler(get('/api/audit/events', {})), 401, 'unauthenticated');
    expect((await auditEvents.handler(get('/api/audit/events', amir))).status).toBe(200);
    // A customer may check her own account's chain and past state, not another's.
    expect((await streamVerification.handler(get(`/api/streams/account-${adaAccount}/verification`, ada), params({ streamId: `account-${adaAccount}` }))).status).toBe(200);
    await refused(accountStateAtRoute.handler(get(`/api/accounts/${graceAccount}/state?version=1`, ada), params({ accountId: graceAccount })), 403, 'not_your_account');
    await refused(outbox.handler(get('/api/outbox', ada)), 403, 'staff_only');
    expect((await outbox.handler(get('/api/outbox', amir))).status).toBe(200);
    await refused(retryParked.handler(jsonRequest('/api/outbox/parked/1/retry', {}, amir), params({ position: '1' })), 403, 'read_only_role');
  });
});
