import type { Principal } from '../../auth/principal';
import { webRuntime } from '../web-runtime';

/* The server's access checks, through its runtime (who owns which stream is read from its store). */

export { requireAllowed } from '../../auth/access';

export const authorizeStreamRead = (principal: Principal | null, streamId: string): Promise<Principal> =>
  webRuntime().access.streamRead(principal, streamId);

export const authorizeAccountRead = (principal: Principal | null, accountId: string): Promise<Principal> =>
  webRuntime().access.accountRead(principal, accountId);
