import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getSession, signIn as signInDefinition, signOut as signOutDefinition } from '../routes/session';
import { DEMO_PASSWORD } from '../../auth/demo-users';
import { createRuntime } from '../../runtime/runtime';
import { clientAddress, trustedProxies } from '../auth/client-address';
import { assertSomeoneCanSignIn, NO_TELLER_MESSAGE } from '../auth/sign-in-readiness';
import { resetSignInLimits, SIGN_IN_LIMITS } from '../auth/sign-in-limiter';
import { createSqliteTestDatabase } from '../../store/testing/test-databases';
import { BASE, basicAuth, jsonRequest, useTemporaryEventStore, type TemporaryStore } from './test-support';

const sessionRoute = getSession.handler;
const signInRoute = signInDefinition.handler;
const signOutRoute = signOutDefinition.handler;

/*
 * Identity as data: users live in their own streams, the published demo password signs in only
 * where the demo seed registered its users, sessions end when their user says so, and the sign-in
 * limits key on an address nobody can forge.
 */

let db: TemporaryStore;
beforeAll(async () => {
  db = await useTemporaryEventStore({ usersInStore: true });
});
afterAll(async () => db.release());
beforeEach(() => resetSignInLimits());

const signIn = (username: string, password: string, headers: Record<string, string> = { 'x-chronicle-peer': '203.0.113.7' }) =>
  signInRoute(jsonRequest('/api/session', { username, password }, headers));
const cookieOf = (response: Response) => (response.headers.get('set-cookie') ?? '').split(';')[0]!;
const whoAmI = (cookie: string) => sessionRoute(new Request(`${BASE}/api/session`, { headers: { cookie } }));
const signOut = (cookie: string, everywhere = false) =>
  signOutRoute(new Request(`${BASE}/api/session${everywhere ? '?everywhere=1' : ''}`, { method: 'DELETE', headers: { cookie, origin: BASE } }));

describe('users as data', () => {
  it('the demo password signs nobody in where the demo users were not registered, and the server says how to make the first teller', async () => {
    const filename = createSqliteTestDatabase();
    const empty = createRuntime({ env: { DATABASE_URL: `file:${filename}` } });
    try {
      expect(await empty.users.find('ann')).toBeNull();
      await expect(assertSomeoneCanSignIn(empty, { CHRONICLE_DEMO_MODE: 'off' })).rejects.toThrow(NO_TELLER_MESSAGE);
      await expect(assertSomeoneCanSignIn(empty, { CHRONICLE_DEMO_MODE: 'on' })).resolves.toBeUndefined();
    } finally {
      await empty.close();
    }
    await expect(assertSomeoneCanSignIn(db.runtime, { CHRONICLE_DEMO_MODE: 'off' })).resolves.toBeUndefined();
  });

  it('a disabled user is refused at once, by password, by Basic and by an existing session', async () => {
    const session = cookieOf(await signIn('joan-clarke', DEMO_PASSWORD));
    expect((await whoAmI(session)).status).toBe(200);
    await db.runtime.commands.send('user', 'disable', 'joan-clarke', { reason: 'left the bank' }, { actor: 'teller:ann' });
    expect((await whoAmI(session)).status).toBe(401);
    expect((await signIn('joan-clarke', DEMO_PASSWORD)).status).toBe(401);
    const basic = basicAuth('joan-clarke');
    expect((await sessionRoute(new Request(`${BASE}/api/session`, { headers: { ...basic, 'x-chronicle-peer': '203.0.113.12' } }))).status).toBe(401);
    await db.runtime.commands.send('user', 'enable', 'joan-clarke', {}, { actor: 'teller:ann' });
  });
});

describe('sessions', () => {
  it('signing out ends that session for good, even for a copy of its cookie; other sessions go on', async () => {
    const here = cookieOf(await signIn('ada-lovelace', DEMO_PASSWORD));
    const elsewhere = cookieOf(await signIn('ada-lovelace', DEMO_PASSWORD));
    expect((await signOut(here)).status).toBe(204);
    expect((await whoAmI(here)).status).toBe(401);
    expect((await whoAmI(elsewhere)).status).toBe(200);
  });

  it('"sign out everywhere" ends every session of the user', async () => {
    const one = cookieOf(await signIn('grace-hamilton', DEMO_PASSWORD));
    const two = cookieOf(await signIn('grace-hamilton', DEMO_PASSWORD));
    expect((await signOut(one, true)).status).toBe(204);
    expect((await whoAmI(one)).status).toBe(401);
    expect((await whoAmI(two)).status).toBe(401);
    expect((await whoAmI(cookieOf(await signIn('grace-hamilton', DEMO_PASSWORD)))).status).toBe(200);
  });

  it('a new password ends the sessions sealed with the old one', async () => {
    const before = cookieOf(await signIn('alan-ritchie', DEMO_PASSWORD));
    const passwordHash = await bcrypt.hash('a brand new password', 4);
    await db.runtime.commands.send('user', 'setPassword', 'alan-ritchie', { passwordHash }, { actor: 'teller:ann' });
    expect((await whoAmI(before)).status).toBe(401);
    expect((await signIn('alan-ritchie', DEMO_PASSWORD)).status).toBe(401);
    expect((await signIn('alan-ritchie', 'a brand new password')).status).toBe(200);
  });

  it('issues the __Host- cookie over https', async () => {
    const response = await signIn('ann', DEMO_PASSWORD, { 'x-chronicle-peer': '203.0.113.8', 'x-forwarded-proto': 'https' });
    expect(response.headers.get('set-cookie')).toMatch(/^__Host-chronicle-session=.*; Path=\/;.*Secure/i);
    expect(response.headers.get('set-cookie')).not.toMatch(/Domain=/i);
    expect((await whoAmI(cookieOf(response))).status).toBe(200);
  });
});

describe('the client address and the sign-in limits', () => {
  it('believes X-Forwarded-For only from configured proxies', () => {
    const forged = new Headers({ 'x-chronicle-peer': '203.0.113.9', 'x-forwarded-for': '198.51.100.1' });
    expect(clientAddress(forged, trustedProxies({}))).toBe('203.0.113.9');
    const proxied = new Headers({ 'x-chronicle-peer': '10.0.0.2', 'x-forwarded-for': '198.51.100.1, 203.0.113.50, 10.0.0.1' });
    expect(clientAddress(proxied, trustedProxies({ CHRONICLE_TRUSTED_PROXIES: '10.0.0.1,10.0.0.2' }))).toBe('203.0.113.50');
    expect(clientAddress(new Headers({ 'x-chronicle-peer': '::ffff:127.0.0.1' }))).toBe('127.0.0.1');
    expect(clientAddress(new Headers({ 'x-forwarded-for': '198.51.100.1' }))).toBe('unknown');
  });

  it('a forged X-Forwarded-For per attempt does not reset the lock', async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.perUser.points; i++) {
      expect((await signIn('amir', `guess-${i}`, { 'x-chronicle-peer': '203.0.113.10', 'x-forwarded-for': `198.51.100.${i}` })).status).toBe(401);
    }
    expect((await signIn('amir', DEMO_PASSWORD, { 'x-chronicle-peer': '203.0.113.10', 'x-forwarded-for': '198.51.100.99' })).status).toBe(429);
  });

  it('failures spread over many addresses still lock the username, with a growing wait', async () => {
    const { freeFailures } = SIGN_IN_LIMITS.perUsername;
    for (let i = 0; i < freeFailures; i++) expect((await signIn('margaret-keller', `guess-${i}`, { 'x-chronicle-peer': `192.0.2.${i + 1}` })).status).toBe(401);
    const locked = await signIn('margaret-keller', DEMO_PASSWORD, { 'x-chronicle-peer': '192.0.2.200' });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('remembers verified Basic credentials briefly: a script does not pay bcrypt per request', async () => {
    const compare = vi.spyOn(bcrypt, 'compare');
    const headers = { ...basicAuth('ann'), 'x-chronicle-peer': '203.0.113.11' };
    for (let i = 0; i < 5; i++) expect((await sessionRoute(new Request(`${BASE}/api/session`, { headers }))).status).toBe(200);
    expect(compare).toHaveBeenCalledTimes(1);
    const wrong = { ...basicAuth('ann', 'not the password'), 'x-chronicle-peer': '203.0.113.11' };
    expect((await sessionRoute(new Request(`${BASE}/api/session`, { headers: wrong }))).status).toBe(401);
    compare.mockRestore();
  });
});
