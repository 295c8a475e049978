-- CreateTable
CREATE TABLE "outbox" (
    "position" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "stream_id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "next_attempt_at" DATETIME,
    "sent_at" DATETIME,
    "parked_at" DATETIME,
    CONSTRAINT "outbox_position_fkey" FOREIGN KEY ("position") REFERENCES "events" ("position") ON DELETE RESTRICT ON UPDATE RESTRICT
);

-- CreateTable
CREATE TABLE "outbox_leases" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expires_at" DATETIME NOT NULL,
    "bus_error" TEXT,
    "bus_error_at" DATETIME
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "event_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "stream_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "occurred_at" DATETIME NOT NULL,
    "recorded_at" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "outbox_status_position_idx" ON "outbox"("status", "position");

-- CreateIndex
CREATE INDEX "outbox_stream_id_status_position_idx" ON "outbox"("stream_id", "status", "position");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_event_id_key" ON "notifications"("event_id");

-- CreateIndex
CREATE INDEX "notifications_recorded_at_id_idx" ON "notifications"("recorded_at", "id");

-- The outbox row is written by the database in the append's own transaction, so no code path
-- can append an event without it, and a rolled-back append leaves none. Events recorded before
-- this migration are history, not news: they get no row (consumers that need history replay the
-- event store, as projections do), so an upgrade does not flood the bus with old facts.
CREATE TRIGGER "events_to_outbox" AFTER INSERT ON "events"
BEGIN
    INSERT INTO "outbox" ("position", "stream_id") VALUES (NEW."position", NEW."stream_id");
END;
