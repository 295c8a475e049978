import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../../core/errors';
import type { EventStore } from '../../core/event-store';
import { authorize, type Action, type CommandAction, type Decision, type ReadAction } from '../../auth/policy';
import type { Principal } from '../../auth/principal';
import { accountHolder, NO_ACCOUNT } from './account-ownership';

/* The edge's side of the policy: resolve the resource from events, ask the policy, throw a typed error on refusal. */

const refuse = (decision: Extract<Decision, { allowed: false }>): never => {
  if (decision.status === 401) throw new UnauthenticatedError(decision.reason, decision.code);
  throw new ForbiddenError(decision.code, decision.reason);
};

/** Whether the principal may do the action at all; answers the scope ('own' for customers). */
export const requireAllowed = (principal: Principal | null, action: Action): { principal: Principal; scope: 'all' | 'own' } => {
  const decision = authorize(principal, action);
  if (!decision.allowed) return refuse(decision);
  return { principal: principal!, scope: decision.scope };
};

/**
 * May the principal act on this account? Refuses before anything is written.
 * A customer naming an account that does not exist gets the same 404 the
 * command would have answered; staff go on to the command, which answers it.
 */
const authorizeOnAccount = async (
  principal: Principal | null,
  action: Action,
  accountId: string,
  store?: EventStore,
): Promise<Principal> => {
  const signedIn = requireAllowed(principal, action).principal;
  const holder = await accountHolder(accountId, store);
  if (holder === NO_ACCOUNT) {
    if (signedIn.role === 'customer') throw new NotFoundError(`Account ${accountId} does not exist`, 'account_not_found');
    return signedIn;
  }
  const decision = authorize(signedIn, action, { owner: holder });
  return decision.allowed ? signedIn : refuse(decision);
};

export type CommandTarget =
  | { action: 'account.open'; owner: string | null }
  | { action: Exclude<CommandAction, 'account.open' | 'projection.retry' | 'outbox.retry'>; accountId: string }
  | { action: 'projection.retry' | 'outbox.retry' };

/**
 * The one check every command entry point makes (JSON API, server actions,
 * and `POST /api/transfers` with the source account): returns the principal
 * to record as the actor, or throws 401/403/404.
 */
export const authorizeCommand = async (principal: Principal | null, target: CommandTarget, store?: EventStore): Promise<Principal> => {
  if (target.action === 'account.open') {
    const signedIn = requireAllowed(principal, target.action).principal;
    // A missing owner is the command's validation error to report, not ours.
    if (target.owner === null) return signedIn;
    const decision = authorize(signedIn, target.action, { owner: target.owner });
    return decision.allowed ? signedIn : refuse(decision);
  }
  // Operating the system (projections, the outbox) concerns no account.
  if (!('accountId' in target)) return requireAllowed(principal, target.action).principal;
  return authorizeOnAccount(principal, target.action, target.accountId, store);
};

export const authorizeAccountRead = (principal: Principal | null, accountId: string, store?: EventStore): Promise<Principal> =>
  authorizeOnAccount(principal, 'account.read', accountId, store);

/** Account streams follow their account; any other stream (migrations, copies) is for staff. */
export const authorizeStreamRead = async (principal: Principal | null, streamId: string, store?: EventStore): Promise<Principal> => {
  const accountId = /^account-(.+)$/.exec(streamId)?.[1];
  if (accountId !== undefined) return authorizeOnAccount(principal, 'stream.read', accountId, store);
  const signedIn = requireAllowed(principal, 'stream.read').principal;
  const decision = authorize(signedIn, 'stream.read', { owner: null });
  return decision.allowed ? signedIn : refuse(decision);
};

export type { ReadAction };
