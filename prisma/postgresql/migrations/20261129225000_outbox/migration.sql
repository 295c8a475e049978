-- CreateTable
CREATE TABLE "outbox" (
    "position" BIGINT NOT NULL,
    "stream_id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "next_attempt_at" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "parked_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_pkey" PRIMARY KEY ("position")
);

-- CreateTable
CREATE TABLE "outbox_leases" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "bus_error" TEXT,
    "bus_error_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_leases_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" SERIAL NOT NULL,
    "event_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "stream_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "outbox_status_position_idx" ON "outbox"("status", "position");

-- CreateIndex
CREATE INDEX "outbox_stream_id_status_position_idx" ON "outbox"("stream_id", "status", "position");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_event_id_key" ON "notifications"("event_id");

-- CreateIndex
CREATE INDEX "notifications_recorded_at_id_idx" ON "notifications"("recorded_at", "id");

-- AddForeignKey
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_position_fkey" FOREIGN KEY ("position") REFERENCES "events"("position") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- The outbox rows are written by the database in the append's own transaction, so no code path
-- can append an event without them, and a rolled-back append leaves none. One statement-level
-- trigger per INSERT (a batch append is one statement) reads the inserted rows as a set.
-- Events recorded before this migration are history, not news: they get no row (consumers that
-- need history replay the event store, as projections do), so an upgrade does not flood the bus.
-- The function keeps the search path it was created with (the migrated schema), so an INSERT from a
-- session whose search path differs still finds this schema's "outbox".
CREATE FUNCTION "events_to_outbox"() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO "outbox" ("position", "stream_id")
    SELECT i."position", i."stream_id" FROM inserted i ORDER BY i."position";
    RETURN NULL;
END;
$$;

CREATE TRIGGER "events_to_outbox" AFTER INSERT ON "events"
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION "events_to_outbox"();
