import type { AnyAggregate } from '../core/aggregate';
import type { RecordedEvent } from '../core/envelope';
import { accountCommandFor } from '../domain/account/derive-command';
import type { AccountEvent } from '../domain/account/events';
import type { DerivedCommand } from './decision-replay';

/*
 * Commands read back from events, per aggregate, for decision replay over history recorded
 * without its commands. Transfers and users are always written by commands (no imports), so
 * only accounts need one.
 */
const DERIVATIONS: Readonly<Record<string, (event: RecordedEvent) => DerivedCommand | null>> = {
  account: (event) => accountCommandFor(event as unknown as AccountEvent),
};

export const deriveCommand = (aggregate: AnyAggregate, event: RecordedEvent): DerivedCommand | null => DERIVATIONS[aggregate.name]?.(event) ?? null;
