import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from '../../core/errors';
import { edgeState } from '../web-runtime';

/**
 * Failed sign-ins per client address and username (a password being guessed),
 * and per address (one address trying many usernames). Only failures count; a
 * success clears its address+username counter. In memory: one server process
 * holds them (a cluster would share them through rate-limiter-flexible's Redis
 * or PostgreSQL stores).
 */
export const SIGN_IN_LIMITS = {
  perUser: { points: 5, duration: 15 * 60 },
  perAddress: { points: 50, duration: 60 * 60 },
};

type Limiters = { perUser: RateLimiterMemory; perAddress: RateLimiterMemory };

const createLimiters = (): Limiters => ({
  perUser: new RateLimiterMemory({ keyPrefix: 'sign-in-user', ...SIGN_IN_LIMITS.perUser }),
  perAddress: new RateLimiterMemory({ keyPrefix: 'sign-in-address', ...SIGN_IN_LIMITS.perAddress }),
});

/** One set of counters per server process. */
const limiters = (): Limiters => edgeState('sign-in-limiters', createLimiters);

const userKey = (address: string, username: string) => `${address}|${username.trim().toLowerCase()}`;

const refusal = (res: RateLimiterRes): RateLimitedError => {
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  const wait = seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
  return new RateLimitedError(`Too many failed sign-ins. Try again in ${wait}.`, seconds);
};

/** Throws RateLimitedError while either counter is used up; the password is then not even checked. */
export const assertSignInAllowed = async (address: string, username: string): Promise<void> => {
  const { perUser, perAddress } = limiters();
  const [user, all] = await Promise.all([perUser.get(userKey(address, username)), perAddress.get(address)]);
  for (const [res, limit] of [
    [user, SIGN_IN_LIMITS.perUser.points],
    [all, SIGN_IN_LIMITS.perAddress.points],
  ] as const) {
    if (res !== null && res.consumedPoints >= limit) throw refusal(res);
  }
};

export const recordFailedSignIn = async (address: string, username: string): Promise<void> => {
  const { perUser, perAddress } = limiters();
  await Promise.all(
    [perUser.consume(userKey(address, username)), perAddress.consume(address)].map((attempt) =>
      attempt.catch((error: unknown) => {
        if (!(error instanceof RateLimiterRes)) throw error; // already over the limit: the next attempt is refused
      }),
    ),
  );
};

export const recordSuccessfulSignIn = async (address: string, username: string): Promise<void> => {
  await limiters().perUser.delete(userKey(address, username));
};

/** Tests start from clean counters. */
export const resetSignInLimits = (): void => {
  const { perUser, perAddress } = createLimiters();
  Object.assign(limiters(), { perUser, perAddress });
};
