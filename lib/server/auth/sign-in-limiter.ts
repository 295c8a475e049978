import { LRUCache } from 'lru-cache';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from '../../core/errors';
import { edgeState } from '../web-runtime';

/**
 * Failed sign-ins per client address and username (a password being guessed from one place), per
 * address (one address trying many usernames), and per username across every address (a guess
 * spread over many addresses): past a few failures a username waits, twice as long after each further
 * failure. Only failures count; a success clears the username's counters. In memory: one server
 * process holds them (a cluster would share them through rate-limiter-flexible's Redis or
 * PostgreSQL stores).
 */
export const SIGN_IN_LIMITS = {
  perUser: { points: 5, duration: 15 * 60 },
  perAddress: { points: 50, duration: 60 * 60 },
  /** Failures of one username from anywhere before it waits: 1 s after the next, then 2 s, 4 s… up to an hour. */
  perUsername: { freeFailures: 10, firstWaitMs: 1_000, maxWaitMs: 60 * 60 * 1000, forgetAfterMs: 60 * 60 * 1000 },
};

type UsernameFailures = { count: number; lastAt: number };
type Limiters = { perUser: RateLimiterMemory; perAddress: RateLimiterMemory; perUsername: LRUCache<string, UsernameFailures> };

const createLimiters = (): Limiters => ({
  perUser: new RateLimiterMemory({ keyPrefix: 'sign-in-user', ...SIGN_IN_LIMITS.perUser }),
  perAddress: new RateLimiterMemory({ keyPrefix: 'sign-in-address', ...SIGN_IN_LIMITS.perAddress }),
  perUsername: new LRUCache<string, UsernameFailures>({ max: 100_000, ttl: SIGN_IN_LIMITS.perUsername.forgetAfterMs }),
});

/** One set of counters per server process. */
const limiters = (): Limiters => edgeState('sign-in-limiters', createLimiters);

const normalised = (username: string) => username.trim().toLowerCase();
const userKey = (address: string, username: string) => `${address}|${normalised(username)}`;

const refusal = (msBeforeNext: number): RateLimitedError => {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  const wait = seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
  return new RateLimitedError(`Too many failed sign-ins. Try again in ${wait}.`, seconds);
};

/** How long the username must still wait after its failures from every address; 0 when it may try. */
const usernameWaitMs = (failures: UsernameFailures | undefined, now: number): number => {
  const { freeFailures, firstWaitMs, maxWaitMs } = SIGN_IN_LIMITS.perUsername;
  if (!failures || failures.count < freeFailures) return 0;
  const wait = Math.min(maxWaitMs, firstWaitMs * 2 ** Math.min(30, failures.count - freeFailures));
  return Math.max(0, failures.lastAt + wait - now);
};

/** Throws RateLimitedError while any counter is used up; the password is then not even checked. */
export const assertSignInAllowed = async (address: string, username: string, now = Date.now()): Promise<void> => {
  const { perUser, perAddress, perUsername } = limiters();
  const [user, all] = await Promise.all([perUser.get(userKey(address, username)), perAddress.get(address)]);
  for (const [res, limit] of [
    [user, SIGN_IN_LIMITS.perUser.points],
    [all, SIGN_IN_LIMITS.perAddress.points],
  ] as const) {
    if (res !== null && res.consumedPoints >= limit) throw refusal(res.msBeforeNext);
  }
  const wait = usernameWaitMs(perUsername.get(normalised(username)), now);
  if (wait > 0) throw refusal(wait);
};

export const recordFailedSignIn = async (address: string, username: string, now = Date.now()): Promise<void> => {
  const { perUser, perAddress, perUsername } = limiters();
  const key = normalised(username);
  perUsername.set(key, { count: (perUsername.get(key)?.count ?? 0) + 1, lastAt: now });
  await Promise.all(
    [perUser.consume(userKey(address, username)), perAddress.consume(address)].map((attempt) =>
      attempt.catch((error: unknown) => {
        if (!(error instanceof RateLimiterRes)) throw error; // already over the limit: the next attempt is refused
      }),
    ),
  );
};

export const recordSuccessfulSignIn = async (address: string, username: string): Promise<void> => {
  const { perUser, perUsername } = limiters();
  perUsername.delete(normalised(username));
  await perUser.delete(userKey(address, username));
};

/** Tests start from clean counters. */
export const resetSignInLimits = (): void => {
  Object.assign(limiters(), createLimiters());
};
