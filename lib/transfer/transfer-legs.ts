import type { RecordedEvent } from '../core/envelope';
import { isChronicleError, type ChronicleError } from '../core/errors';
import type { EventStore } from '../core/event-store';
import type { FailureReason, TransferLeg } from '../domain/transfer/events';
import type { TransferDetails, TransferState } from '../domain/transfer/state';
import type { TransferStep } from '../domain/transfer/decider';
import { accountStreamId } from '../domain/account/decider';
import { dispatchCommand, type CommandContext, type DispatchResult } from '../commands/dispatch';
import { withUpcasting } from '../core/upcasting-store';
import { accountAggregate } from '../domain/account/aggregate';
import { accountUpcasters } from '../domain/account/upcasters';

/** Sends an account command: the runtime's command bus (its loaders and cache), or straight through a store. */
export type LegSender = {
  send: (aggregate: string, command: string, id: string | undefined, input: unknown, context: CommandContext) => Promise<DispatchResult>;
};

/** Without a runtime's bus: every leg replays its account (tests, small tools). */
export const storeSender = (store: EventStore): LegSender => ({
  send: (_aggregate, command, id, input, context) => dispatchCommand(store, accountAggregate, command, id, input, context),
});

/** The actor recorded on the account legs: the process manager, acting on the requester's behalf. */
export const TRANSFER_ACTOR = 'system:transfers';

/** Deterministic per transfer and step, so a repeated leg is recognised by the store and writes nothing. */
export const legCommandId = (transferId: string, step: TransferStep): string => `transfer:${transferId}:${step}`;

const MAX_DESCRIPTION = 140;
const clip = (text: string) => (text.length <= MAX_DESCRIPTION ? text : `${text.slice(0, MAX_DESCRIPTION - 1)}…`);

type Started = Exclude<TransferState, { status: 'none' }>;

/**
 * The account command each leg sends: withdraw from the source, deposit to the
 * destination, or deposit back to the source. `counterparty` names the other
 * account in the history line (its holder, else its id).
 */
export const legCommand = (step: TransferStep, { details, reason }: Started, counterparty?: string) => {
  const { fromAccountId, toAccountId, amount, currency, description } = details;
  const note = description && description !== 'Transfer' ? `: ${description}` : '';
  switch (step) {
    case 'debit':
      return { name: 'withdraw' as const, accountId: fromAccountId, input: { amount, currency, description: clip(`Transfer to ${counterparty ?? toAccountId}${note}`) } };
    case 'credit':
      return { name: 'deposit' as const, accountId: toAccountId, input: { amount, currency, description: clip(`Transfer from ${counterparty ?? fromAccountId}${note}`) } };
    case 'refund':
      return {
        name: 'deposit' as const,
        accountId: fromAccountId,
        input: { amount, currency, description: clip(`Refund of transfer to ${counterparty ?? toAccountId}${reason ? ` (${reason.message.toLowerCase()})` : ''}`) },
      };
  }
};

/** The holder of an account as its opening event names it, or null (unknown account). */
const holderName = async (store: EventStore, accountId: string): Promise<string | null> => {
  const [opened] = await withUpcasting(store, accountUpcasters).readStream(accountStreamId(accountId), { fromVersion: 1, toVersion: 1 });
  const holder = (opened?.data as { holder?: { name?: unknown } } | undefined)?.holder?.name;
  return typeof holder === 'string' ? holder : null;
};

/**
 * A refusal by the account's rules (closed, unknown, wrong currency, no funds): final, not worth
 * retrying. So is a leg's command id standing for another request (recorded before client ids
 * were kept out of the server's namespace): that event is not this transfer's leg.
 */
export const isRefusal = (error: unknown): error is ChronicleError =>
  isChronicleError(error) && (error.kind === 'rule_violation' || error.kind === 'not_found' || error.kind === 'validation' || error.kind === 'conflict');

export const refusalReason = (error: ChronicleError): FailureReason => {
  if (error.code === 'account_not_found') return { code: 'account_not_found', message: 'The account does not exist' };
  return { code: error.code, message: error.message };
};

/** Runs one leg on its account (idempotent by its command id) and returns where the account recorded it. */
export const runLeg = async (
  store: EventStore,
  step: TransferStep,
  state: Started,
  cause: { eventId: string },
  now: Date,
  sender: LegSender = storeSender(store),
): Promise<TransferLeg> => {
  const { transferId, fromAccountId, toAccountId } = state.details;
  const other = step === 'credit' ? fromAccountId : toAccountId;
  const { name, accountId, input } = legCommand(step, state, (await holderName(store, other)) ?? undefined);
  const result = await sender.send('account', name, accountId, input, {
    actor: TRANSFER_ACTOR,
    commandId: legCommandId(transferId, step),
    correlationId: transferId,
    causationId: cause.eventId,
    now,
  });
  return legAt(store, accountId, result.version);
};

/** The leg the store recorded for this transfer's step, if it ever landed as this transfer's own leg. */
export const landedLeg = async (store: EventStore, step: TransferStep, state: Started): Promise<TransferLeg | null> => {
  const found = await store.findCommand(legCommandId(state.details.transferId, step));
  if (!found) return null;
  const { accountId } = legCommand(step, state);
  const [event] = await store.readStream(accountStreamId(accountId), { fromVersion: found.nextExpectedVersion, toVersion: found.nextExpectedVersion });
  // Trust only what this transfer's process wrote: the movement it expects, on the account it expects, for this transfer.
  return event && isOwnLeg(event, step, state) ? { accountId, accountVersion: found.nextExpectedVersion, eventId: event.eventId } : null;
};

const isOwnLeg = (event: RecordedEvent, step: TransferStep, state: Started): boolean => {
  const { transferId, amount, currency } = state.details;
  const data = event.data as { amount?: unknown; currency?: unknown };
  return (
    event.streamId === accountStreamId(legCommand(step, state).accountId) &&
    event.type === (step === 'debit' ? 'MoneyWithdrawn' : 'MoneyDeposited') &&
    event.metadata.actor === TRANSFER_ACTOR &&
    event.metadata.correlationId === transferId &&
    data.amount === amount &&
    (data.currency === undefined || data.currency === currency)
  );
};

const legAt = async (store: EventStore, accountId: string, version: number): Promise<TransferLeg> => {
  const [event] = await store.readStream(accountStreamId(accountId), { fromVersion: version, toVersion: version });
  if (!event) throw new Error(`Account ${accountId} has no event at version ${version}`);
  return { accountId, accountVersion: version, eventId: event.eventId };
};

export type { TransferDetails };
