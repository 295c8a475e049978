/**
 * The expression indexes of migration 20261130000500_audit_indexes.
 * `bench/audit/verify.ts --with-indexes` applies them to a temporary database
 * made without them, to measure what they buy.
 */
export const PROPOSED_INDEXES = {
  sqlite: [
    `CREATE INDEX IF NOT EXISTS "events_correlation_idx" ON "events"(json_extract("metadata", '$.correlationId'), "position")`,
    `CREATE INDEX IF NOT EXISTS "events_causation_idx" ON "events"(json_extract("metadata", '$.causationId'), "position")`,
    `CREATE INDEX IF NOT EXISTS "events_actor_idx" ON "events"(json_extract("metadata", '$.actor'), "position")`,
  ],
  postgresql: [
    `CREATE INDEX IF NOT EXISTS "events_correlation_idx" ON "events" (("metadata"->>'correlationId'), "position")`,
    `CREATE INDEX IF NOT EXISTS "events_causation_idx" ON "events" (("metadata"->>'causationId'), "position")`,
    `CREATE INDEX IF NOT EXISTS "events_actor_idx" ON "events" (("metadata"->>'actor'), "position")`,
  ],
};
