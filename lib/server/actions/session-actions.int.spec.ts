import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { hostileText } from '@/lib/server/http/testing/hostile-input';

/*
 * The sign-in server action under hostile forms, as the account actions and
 * API routes are fuzzed: whatever is posted, it answers with form state or
 * sends the visitor to a path on this site. Never an exception, never a
 * leaked internal, never a redirect off the site.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const LEAK = /\n\s+at |node_modules|\/work\/|\.tsx?:\d+|TypeError|ReferenceError|bcrypt/i;

class Redirected extends Error {
  constructor(readonly to: string) {
    super(`redirect to ${to}`);
  }
}

const request = { address: '203.0.113.1', cookies: new Map<string, string>() };
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ 'x-chronicle-peer': request.address, origin: 'http://localhost:3000' }),
  cookies: async () => ({ set: (name: string, value: string) => request.cookies.set(name, value) }),
}));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw new Redirected(to);
  },
}));
vi.mock('server-only', () => ({}));

const { signIn } = await import('./session-actions');
const { useTemporaryEventStore } = await import('../http/test-support');

// The users who can sign in live in the store: a test database with the demo users.
let db: Awaited<ReturnType<typeof useTemporaryEventStore>>;
beforeAll(async () => {
  db = await useTemporaryEventStore();
});
afterAll(async () => db.release());

/** Where a browser would go from a page of this site when told to go to `to`. */
const landsOnSite = (to: string) => new URL(to, 'http://localhost:3000/sign-in').origin === 'http://localhost:3000';

/** Return paths that try to leave the site: protocol-relative, backslashes, schemes, and the characters browsers strip. */
const OFF_SITE = ['//evil.example', '/\\evil.example', '/\t/evil.example', '/\n/evil.example', '\\\\evil.example', 'https://evil.example', 'javascript:alert(1)', '/\r\n/evil.example', ' //evil.example', '/.//evil.example', '/%2e//evil.example'];

const form = (fields: Record<string, string | Blob | undefined>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) data.set(name, value);
  return data;
};

describe('the sign-in server action under hostile forms', () => {
  beforeEach(() => request.cookies.clear());

  it('answers with form state or a redirect on this site, and sets a cookie only for the right password', async () => {
    let addressCounter = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          username: fc.oneof(hostileText(), fc.constantFrom('ann', 'amir', ' ann ')),
          password: fc.oneof(hostileText(), fc.constant('chronicle-demo')),
          next: fc.option(fc.oneof(hostileText(), fc.constantFrom(...OFF_SITE, '/accounts?x=1', '/%2F%2Fevil.example')), { nil: undefined }),
          asFile: fc.boolean(),
        }),
        async ({ username, password, next, asFile }) => {
          // A fresh client address most of the time, so the rate limit is met only now and then.
          request.address = `198.51.100.${addressCounter++ % 40}`;
          request.cookies.clear();
          const fields = { username: asFile ? new Blob([username]) : username, password, next };
          let outcome: unknown;
          try {
            outcome = await signIn(null, form(fields));
          } catch (error) {
            if (!(error instanceof Redirected)) throw error;
            expect(landsOnSite(error.to), `redirected off the site to ${JSON.stringify(error.to)}`).toBe(true);
            expect(request.cookies.size).toBe(1);
            return;
          }
          expect(outcome).toMatchObject({ error: expect.any(String) });
          expect((outcome as { error: string }).error).not.toMatch(LEAK);
          expect(request.cookies.size).toBe(0);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it.each(OFF_SITE)('sends a visitor who signed in with next=%j to a page of this site', async (next) => {
    request.address = '192.0.2.7';
    const error = await signIn(null, form({ username: 'ann', password: 'chronicle-demo', next })).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(Redirected);
    expect(landsOnSite((error as Redirected).to)).toBe(true);
  });
});
