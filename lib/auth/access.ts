import { streamIdOf, type AnyAggregate, type CustomerPolicy } from '../core/aggregate';
import type { AggregateRegistry } from '../core/aggregate-registry';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../core/errors';
import { authorize, commandAction, type Action, type Decision } from './policy';
import type { Principal } from './principal';
import { NO_STREAM, type StreamOwners } from './stream-owners';

/* The policy applied to real streams: resolves who owns what, asks the policy, throws a typed error on refusal. */

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

export class Access {
  constructor(
    private readonly owners: StreamOwners,
    private readonly aggregates: AggregateRegistry,
    private readonly policy: CustomerPolicy = { maxOverdraftLimit: 0 },
  ) {}

  /**
   * May the principal send this command? Checked once, before anything is written. A customer
   * naming a stream that does not exist gets the 404 the command would have answered; staff go on
   * to the command, which answers it. Returns the principal to record as the actor, and the input
   * to send (a customer's own customer id filled in where the command names its owner).
   */
  async command(
    principal: Principal | null,
    aggregate: AnyAggregate,
    name: string,
    id: string | undefined,
    input: Record<string, unknown>,
  ): Promise<{ actor: Principal; input: Record<string, unknown> }> {
    const allowed = await this.commandOwner(principal, aggregate, name, id, input);
    const { actor } = allowed;
    // Whose stream it is comes first; then what even its owner may not ask for alone.
    const limited = actor.role === 'customer' ? aggregate.commands[name]!.customerLimits?.(allowed.input as never, this.policy, { name: actor.holderName ?? actor.name }) : null;
    if (limited) throw new ForbiddenError(limited.code, limited.reason);
    return allowed;
  }

  private async commandOwner(
    principal: Principal | null,
    aggregate: AnyAggregate,
    name: string,
    id: string | undefined,
    input: Record<string, unknown>,
  ): Promise<{ actor: Principal; input: Record<string, unknown> }> {
    const action = commandAction(aggregate, name);
    const signedIn = requireAllowed(principal, action).principal;
    const ownership = aggregate.commands[name]!.ownership ?? { from: 'target' as const };
    switch (ownership.from) {
      case 'input': {
        const named = input[ownership.field];
        if (named === undefined && signedIn.role === 'customer') {
          // A customer acts for themselves: their own id is what they mean.
          const own = signedIn.customerId ?? null;
          return { actor: this.decide(signedIn, action, own), input: own === null ? input : { ...input, [ownership.field]: own } };
        }
        // Read before the input is validated (who is asking comes first): anything but a string names
        // nobody, and the command's validation reports it.
        const owner = typeof named === 'string' ? named.trim() || null : null;
        return { actor: owner === null ? signedIn : this.decide(signedIn, action, owner), input };
      }
      case 'stream': {
        const streamId = ownership.streamId(input as never);
        return { actor: streamId === null ? signedIn : await this.onStream(signedIn, action, streamId), input };
      }
      case 'target':
        return { actor: id === undefined ? signedIn : await this.onStream(signedIn, action, streamIdOf(aggregate, id)), input };
    }
  }

  /** Operating the system (projections, the outbox) concerns no stream. */
  operation(principal: Principal | null, action: 'projection.retry' | 'outbox.retry'): Principal {
    return requireAllowed(principal, action).principal;
  }

  /** Streams follow their owner; a stream no customer owns (migrations, copies) is for staff. */
  streamRead(principal: Principal | null, streamId: string): Promise<Principal> {
    return this.onStream(requireAllowed(principal, 'stream.read').principal, 'stream.read', streamId);
  }

  accountRead(principal: Principal | null, accountId: string): Promise<Principal> {
    const accounts = this.aggregates.named('account');
    return this.onStream(requireAllowed(principal, 'account.read').principal, 'account.read', streamIdOf(accounts, accountId));
  }

  /** Whether the principal may read the stream, without throwing: for filtering lists. */
  mayRead(principal: Principal | null, streamId: string): Promise<boolean> {
    return this.streamRead(principal, streamId).then(
      () => true,
      () => false,
    );
  }

  private async onStream(principal: Principal, action: Action, streamId: string): Promise<Principal> {
    const owner = await this.owners.ownerOf(streamId);
    if (owner === NO_STREAM) {
      if (principal.role === 'customer') throw notFound(streamId, this.aggregates);
      return principal;
    }
    return this.decide(principal, action, owner);
  }

  private decide(principal: Principal, action: Action, owner: string | null): Principal {
    const decision = authorize(principal, action, { owner });
    return decision.allowed ? principal : refuse(decision);
  }
}

/** The 404 a stream's own aggregate answers: `account_not_found` for an account. */
const notFound = (streamId: string, aggregates: AggregateRegistry): NotFoundError => {
  const aggregate = aggregates.ofStream(streamId);
  if (!aggregate) return new NotFoundError(`Stream ${streamId} does not exist`, 'stream_not_found');
  const label = aggregate.name.charAt(0).toUpperCase() + aggregate.name.slice(1);
  return new NotFoundError(`${label} ${streamId.slice(aggregate.category.length + 1)} does not exist`, `${aggregate.name}_not_found`);
};
