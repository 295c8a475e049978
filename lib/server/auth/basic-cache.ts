import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Principal } from '../../auth/principal';
import type { User } from '../../auth/user-directory';
import { edgeState, webRuntime } from '../web-runtime';

/** How long verified Basic credentials are remembered: seconds, so a password change or a disabled user takes effect at once anyway. */
export const BASIC_CACHE_TTL_MS = 10_000;

type Remembered = { username: string; passwordHash: string };

/** Keys are a hash of the header, never the password itself. */
const keyOf = (authorization: string) => createHash('sha256').update(authorization).digest('base64url');

class BasicCredentialCache {
  private readonly entries = new LRUCache<string, Remembered>({ max: 10_000, ttl: BASIC_CACHE_TTL_MS });

  remember(authorization: string, user: User): void {
    if (user.passwordHash) this.entries.set(keyOf(authorization), { username: user.username, passwordHash: user.passwordHash });
  }

  /** The principal for a header verified moments ago, if its user is still active with the same password. */
  async recall(authorization: string): Promise<Principal | null> {
    const key = keyOf(authorization);
    const remembered = this.entries.get(key);
    if (!remembered) return null;
    const found = await webRuntime().users.activePrincipal(remembered.username);
    if (!found || found.user.passwordHash !== remembered.passwordHash) {
      this.entries.delete(key);
      return null;
    }
    return found.principal;
  }
}

/** One cache per server process. */
export const basicCredentialCache = (): BasicCredentialCache => edgeState('basic-credentials', () => new BasicCredentialCache());
