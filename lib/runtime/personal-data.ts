import { StreamOwners } from '../auth/stream-owners';
import type { AggregateRegistry } from '../core/aggregate-registry';
import type { RecordedEvent } from '../core/envelope';
import type { EventStore } from '../core/event-store';
import type { SubjectOf } from '../core/personal-data/personal-data-store';
import type { PersonalDataRules } from '../core/personal-data/rules';
import { accountPersonalData, accountPersonalInputs } from '../domain/account/personal-data';
import { transferPersonalData, transferPersonalInputs } from '../domain/transfer/personal-data';
import { userPersonalData, userPersonalInputs } from '../domain/user/personal-data';

/** Every aggregate's personal fields, by event type. */
export const PERSONAL_DATA: PersonalDataRules = { ...accountPersonalData, ...transferPersonalData, ...userPersonalData };

/** Every aggregate's personal command inputs, as recorded in events' metadata. */
export const PERSONAL_COMMAND_INPUTS: readonly string[] = [...new Set([...accountPersonalInputs, ...transferPersonalInputs, ...userPersonalInputs])];

/**
 * Whose key seals an event's personal fields. `stream`: the stream's owner, named by the batch's
 * own first event when it opens the stream, else by the stream's first event (cached, owners never
 * change). `account`: the owner of the account a field names (a transfer's sender). `store` reads
 * ids only, so it need not open sealed fields.
 */
export const subjectsOf = (store: EventStore, aggregates: AggregateRegistry): SubjectOf => {
  const owners = new StreamOwners(store, aggregates);
  const ownerOf = async (streamId: string): Promise<string | null> => {
    const owner = await owners.ownerOf(streamId);
    return typeof owner === 'string' ? owner : null;
  };
  return async (streamId, event, batch) => {
    // A type without personal fields may still record a command with personal inputs: its stream's owner's.
    const rule = PERSONAL_DATA[event.type] ?? { fields: [], subject: { of: 'stream' } };
    if (rule.subject.of === 'account') {
      const accountId = (event.data as Record<string, unknown>)[rule.subject.field];
      return typeof accountId === 'string' ? ownerOf(`account-${accountId}`) : null;
    }
    const aggregate = aggregates.ofStream(streamId);
    if (!aggregate) return null;
    for (const candidate of batch) {
      const named = aggregate.ownerOf(candidate as unknown as RecordedEvent);
      if (named !== null) return named;
    }
    return ownerOf(streamId);
  };
};
