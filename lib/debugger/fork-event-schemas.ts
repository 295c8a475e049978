import type { z } from 'zod';
import type { AnyAggregate } from '../core/aggregate';
import { ACCOUNT_EVENT_SCHEMAS } from '../domain/account/event-schemas';

/*
 * The schema an edited event's data must meet in a what-if fork, per aggregate and event type.
 * Aggregates (or event types) without one accept any JSON object: the fork folds what it is given.
 */
const SCHEMAS: Readonly<Record<string, Readonly<Record<string, z.ZodType<Record<string, unknown>>>>>> = {
  account: ACCOUNT_EVENT_SCHEMAS,
};

export const eventDataSchema = (aggregate: AnyAggregate | null, type: string): z.ZodType<Record<string, unknown>> | null =>
  (aggregate ? SCHEMAS[aggregate.name]?.[type] : undefined) ?? null;
