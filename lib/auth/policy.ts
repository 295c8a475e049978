import type { Principal } from './principal';

/*
 * Who may do what: a pure function of principal × action × resource. The edge
 * (route handlers, server actions, pages) resolves the resource (an account's
 * holder, read from its events) and turns a denial into 401/403.
 */

export const COMMAND_ACTIONS = [
  'account.open',
  'account.deposit',
  'account.withdraw',
  'account.close',
  'account.interest',
  'transfer.send',
  'projection.retry',
  'outbox.retry',
] as const;
export const READ_ACTIONS = [
  'account.read',
  'accounts.list',
  'stream.read',
  'events.subscribe',
  'bank.stats',
  'projections.read',
  'audit.read',
  'operations.read',
] as const;

export type CommandAction = (typeof COMMAND_ACTIONS)[number];
export type ReadAction = (typeof READ_ACTIONS)[number];
export type Action = CommandAction | ReadAction;

/**
 * What the action concerns. `owner` is the holder name of the account (for
 * `account.open`, the holder named in the command); null when the stream is
 * not an account's. Omitted, the answer is whether the principal may do the
 * action at all, and on which scope.
 */
export type Resource = { owner: string | null };

export type Decision =
  | { allowed: true; scope: 'all' | 'own' }
  | { allowed: false; status: 401 | 403; code: string; reason: string };

const allow = (scope: 'all' | 'own'): Decision => ({ allowed: true, scope });
const deny = (status: 401 | 403, code: string, reason: string): Decision => ({ allowed: false, status, code, reason });

/** Customers act on and see their own accounts; this is what "own" means for a resource. */
const owns = (principal: Principal, resource: Resource): boolean =>
  principal.holderName !== undefined && resource.owner !== null && resource.owner === principal.holderName;

const isCommand = (action: Action): action is CommandAction => (COMMAND_ACTIONS as readonly string[]).includes(action);

const customerDecision = (principal: Principal, action: Action, resource: Resource | undefined): Decision => {
  switch (action) {
    case 'account.interest':
      return deny(403, 'staff_only', 'Interest is applied by the bank’s staff, not by customers.');
    case 'projection.retry':
    case 'projections.read':
      return deny(403, 'staff_only', 'Only the bank’s staff can see and operate the projections.');
    case 'audit.read':
      return deny(403, 'staff_only', 'The audit trail and the store’s verification are for auditors and the bank’s staff.');
    case 'operations.read':
    case 'outbox.retry':
      return deny(403, 'staff_only', 'Only the bank’s staff can see and operate the outbox and notifications.');
    case 'bank.stats':
      return allow('all');
    case 'accounts.list':
    case 'events.subscribe':
      return allow('own');
    case 'account.open':
      if (!resource || owns(principal, resource)) return allow('own');
      return deny(403, 'not_own_name', `Customers can open accounts in their own name only (${principal.holderName ?? principal.name}).`);
    case 'account.deposit':
    case 'account.withdraw':
    case 'account.close':
    case 'transfer.send':
    case 'account.read':
    case 'stream.read':
      if (!resource || owns(principal, resource)) return allow('own');
      if (action === 'stream.read' && resource.owner === null) return deny(403, 'staff_only', 'Only the bank’s staff can read this stream.');
      return deny(403, 'not_your_account', 'This account belongs to another customer.');
    default: {
      const _never: never = action;
      return _never;
    }
  }
};

/** The one place the rules live; unit-tested over every role × action × resource. */
export const authorize = (principal: Principal | null, action: Action, resource?: Resource): Decision => {
  if (principal === null) return deny(401, 'unauthenticated', 'Sign in to continue.');
  switch (principal.role) {
    case 'teller':
      return allow('all');
    case 'auditor':
      return isCommand(action) ? deny(403, 'read_only_role', 'Auditors can see everything but change nothing.') : allow('all');
    case 'customer':
      return customerDecision(principal, action, resource);
    default: {
      const _never: never = principal.role;
      return _never;
    }
  }
};
