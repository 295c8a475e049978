import type { AnyAggregate, CustomerAccess } from '../core/aggregate';
import type { Principal } from './principal';

/*
 * Who may do what: a pure function of principal × action × resource. Aggregate commands carry
 * their own rule from the aggregate registry (`commandAction`); reads and operating the system are
 * named here. The edge resolves the resource (who owns the stream) and turns a denial into 401/403.
 */

export const READ_ACTIONS = [
  'account.read',
  'accounts.list',
  'stream.read',
  'events.subscribe',
  'bank.stats',
  /** The whole bank's books at any past instant: two close instants show other customers' movements. */
  'bank.history',
  'projections.read',
  'audit.read',
  'operations.read',
  /** Every stream in the store, with its size and activity: who banks with us and how much they move. */
  'streams.list',
] as const;
/** Operating the system: retrying a stopped projection or a parked message. Staff only. */
export const OPERATION_ACTIONS = ['projection.retry', 'outbox.retry'] as const;

/** An auditor's own acts: they add evidence (a signed checkpoint) and change nothing of the bank's. Auditors and staff. */
export const AUDIT_ACTIONS = ['audit.checkpoint'] as const;

/** Erasing a customer's personal data (destroying their key): a teller's act, recorded with who and why. Not auditors (they change nothing), not customers. */
export const PRIVACY_ACTIONS = ['customer.erase'] as const;

export type ReadAction = (typeof READ_ACTIONS)[number];
export type PrivacyAction = (typeof PRIVACY_ACTIONS)[number];
export type OperationAction = (typeof OPERATION_ACTIONS)[number];
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** An aggregate's command as the policy sees it: `account.deposit` with the access its aggregate declares. */
export type CommandAction = {
  command: string;
  access: CustomerAccess;
  /** `input`: the owner is named in the command (opening an account in one's own name); `stream`: a stream's owner. */
  ownership: 'input' | 'stream';
};

export type Action = ReadAction | OperationAction | AuditAction | PrivacyAction | CommandAction;

/** The policy's view of one command of a registered aggregate. */
export const commandAction = (aggregate: Pick<AnyAggregate, 'name' | 'commands'>, name: string): CommandAction => {
  const spec = aggregate.commands[name];
  if (!spec) throw new Error(`${aggregate.name} has no command ${name}`);
  return { command: `${aggregate.name}.${name}`, access: spec.access, ownership: spec.ownership?.from === 'input' ? 'input' : 'stream' };
};

/**
 * What the action concerns. `owner` is the customer id of the stream's owner (for a command that
 * names its owner, the one it names); null when the stream is no customer's. Omitted, the answer
 * is whether the principal may do the action at all, and on which scope.
 */
export type Resource = { owner: string | null };

export type Decision =
  | { allowed: true; scope: 'all' | 'own' }
  | { allowed: false; status: 401 | 403; code: string; reason: string };

const allow = (scope: 'all' | 'own'): Decision => ({ allowed: true, scope });
const deny = (status: 401 | 403, code: string, reason: string): Decision => ({ allowed: false, status, code, reason });

/** Customers act on and see what their customer id owns (never what shares their name); this is what "own" means. */
const owns = (principal: Principal, resource: Resource): boolean =>
  principal.customerId !== undefined && resource.owner !== null && resource.owner === principal.customerId;

const isReadAction = (action: Action): action is ReadAction => typeof action === 'string' && (READ_ACTIONS as readonly string[]).includes(action);
const isAuditAction = (action: Action): action is AuditAction => typeof action === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(action);

const customerCommand = (principal: Principal, action: CommandAction, resource: Resource | undefined): Decision => {
  if (action.access.customers === 'none') return deny(403, 'staff_only', action.access.reason);
  if (!resource || owns(principal, resource)) return allow('own');
  if (action.ownership === 'input') {
    return deny(403, 'not_own_customer', `Customers can open accounts for themselves only (customer ${principal.customerId ?? 'none'}).`);
  }
  return deny(403, 'not_your_account', 'This account belongs to another customer.');
};

const customerDecision = (principal: Principal, action: Action, resource: Resource | undefined): Decision => {
  if (typeof action === 'object') return customerCommand(principal, action, resource);
  switch (action) {
    case 'projection.retry':
    case 'projections.read':
      return deny(403, 'staff_only', 'Only the bank’s staff can see and operate the projections.');
    case 'audit.read':
      return deny(403, 'staff_only', 'The audit trail and the store’s verification are for auditors and the bank’s staff.');
    case 'audit.checkpoint':
      return deny(403, 'staff_only', 'Signed checkpoints are taken by auditors and the bank’s staff.');
    case 'customer.erase':
      return deny(403, 'staff_only', 'Erasing a customer’s personal data is done by the bank’s staff; ask a teller.');
    case 'operations.read':
    case 'outbox.retry':
      return deny(403, 'staff_only', 'Only the bank’s staff can see and operate the outbox and notifications.');
    case 'streams.list':
      return deny(403, 'staff_only', 'The list of every stream is for the bank’s staff; your accounts are on the overview.');
    case 'bank.stats':
      // A customer's figures are their own accounts', never the bank's.
      return allow('own');
    case 'bank.history':
      return deny(403, 'staff_only', 'The bank’s books at a past instant are for auditors and the bank’s staff.');
    case 'accounts.list':
    case 'events.subscribe':
      return allow('own');
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
      return isReadAction(action) || isAuditAction(action) ? allow('all') : deny(403, 'read_only_role', 'Auditors can see everything but change nothing.');
    case 'customer':
      return customerDecision(principal, action, resource);
    default: {
      const _never: never = principal.role;
      return _never;
    }
  }
};
