import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoMode } from './auth-mode';
import { SESSION_TTL_SECONDS, sealSession, servedOverHttps, sessionCookieOptions, unsealSession } from './session';
import { resolveSessionSecret } from './session-secret';

const SECRET = 'a-session-secret-for-unit-tests-0123456789';
const OTHER = 'another-session-secret-for-unit-tests-98765';

const ada = { username: 'ada-lovelace', sessionId: 'session-ada-0123456789', version: 0 };
const ann = { username: 'ann', sessionId: 'session-ann-0123456789', version: 3 };

afterEach(() => vi.useRealTimers());

describe('session cookie', () => {
  it('seals a session (user, session id, version) that only the same secret unseals', async () => {
    const sealed = await sealSession(ada, Date.now(), SECRET);
    expect(sealed).not.toContain('ada-lovelace');
    expect(await unsealSession(sealed, SECRET)).toEqual(ada);
    expect(await unsealSession(sealed, OTHER)).toBeNull();
  });

  it('reads a tampered, truncated, foreign or missing cookie as nobody', async () => {
    const sealed = await sealSession(ann, Date.now(), SECRET);
    const flipped = sealed.slice(0, 40) + (sealed[40] === 'A' ? 'B' : 'A') + sealed.slice(41);
    expect(await unsealSession(flipped, SECRET)).toBeNull();
    expect(await unsealSession(sealed.slice(0, -5), SECRET)).toBeNull();
    expect(await unsealSession('teller:ann', SECRET)).toBeNull();
    expect(await unsealSession(undefined, SECRET)).toBeNull();
    expect(await unsealSession('', SECRET)).toBeNull();
  });

  it('expires after its time to live', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-29T08:00:00Z') });
    const sealed = await sealSession(ann, Date.now(), SECRET);
    vi.setSystemTime(new Date(Date.now() + (SESSION_TTL_SECONDS - 120) * 1000));
    expect(await unsealSession(sealed, SECRET)).toEqual(ann);
    vi.setSystemTime(new Date(Date.now() + 3600 * 1000));
    expect(await unsealSession(sealed, SECRET)).toBeNull();
  });

  it('is http-only, SameSite=Lax, site-wide, outlived by its seal, and Secure over https only', () => {
    expect(sessionCookieOptions(false)).toEqual({ httpOnly: true, sameSite: 'lax', secure: false, path: '/', maxAge: SESSION_TTL_SECONDS - 60 });
    expect(sessionCookieOptions(true).secure).toBe(true);
    expect(servedOverHttps('https://bank.example/', null)).toBe(true);
    expect(servedOverHttps('http://10.0.0.5:3000/', 'https')).toBe(true);
    expect(servedOverHttps('http://10.0.0.5:3000/', 'http')).toBe(false);
    expect(servedOverHttps(null, null)).toBe(false);
  });
});

describe('session secret', () => {
  const dirs: string[] = [];
  const tempFile = () => {
    const dir = mkdtempSync(join(tmpdir(), 'chronicle-secret-'));
    dirs.push(dir);
    return join(dir, 'data', 'session-secret');
  };
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('uses CHRONICLE_SESSION_SECRET, refusing one shorter than 32 characters', () => {
    expect(resolveSessionSecret({ CHRONICLE_SESSION_SECRET: SECRET, NODE_ENV: 'production' })).toBe(SECRET);
    expect(() => resolveSessionSecret({ CHRONICLE_SESSION_SECRET: 'short' })).toThrow(/at least 32/);
  });

  it('refuses to start outside demo mode without one', () => {
    expect(() => resolveSessionSecret({ NODE_ENV: 'production' })).toThrow(/CHRONICLE_SESSION_SECRET is required/);
    expect(() => resolveSessionSecret({ NODE_ENV: 'development', CHRONICLE_DEMO_MODE: 'off' })).toThrow(/required/);
  });

  it('in demo mode makes one, says so, keeps it owner-readable only, and reuses it after a restart', () => {
    const file = tempFile();
    const log = vi.fn();
    const env = { NODE_ENV: 'production', CHRONICLE_DEMO_MODE: 'on', CHRONICLE_SESSION_SECRET_FILE: file };
    const made = resolveSessionSecret(env, log);
    expect(made.length).toBeGreaterThanOrEqual(32);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('made a session secret'));
    expect(readFileSync(file, 'utf8').trim()).toBe(made);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = vi.fn();
    expect(resolveSessionSecret(env, again)).toBe(made);
    expect(again).not.toHaveBeenCalled();
  });
});

describe('demo mode', () => {
  it('is on in development, off in production unless asked for, and refuses a typo', () => {
    expect(demoMode({ NODE_ENV: 'development' })).toBe(true);
    expect(demoMode({ NODE_ENV: 'production' })).toBe(false);
    expect(demoMode({ NODE_ENV: 'production', CHRONICLE_DEMO_MODE: 'on' })).toBe(true);
    expect(demoMode({ NODE_ENV: 'development', CHRONICLE_DEMO_MODE: 'off' })).toBe(false);
    expect(() => demoMode({ CHRONICLE_DEMO_MODE: 'yes please' })).toThrow(/on or off/);
  });
});
