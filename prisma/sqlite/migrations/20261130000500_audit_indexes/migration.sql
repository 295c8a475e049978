-- The audit trail and the debugger's related events look events up by correlation, causation and actor.
-- Expression indexes over the metadata JSON: Prisma's schema cannot express them, so they live only here.
CREATE INDEX "events_correlation_idx" ON "events"(json_extract("metadata", '$.correlationId'), "position");
CREATE INDEX "events_causation_idx" ON "events"(json_extract("metadata", '$.causationId'), "position");
CREATE INDEX "events_actor_idx" ON "events"(json_extract("metadata", '$.actor'), "position");
