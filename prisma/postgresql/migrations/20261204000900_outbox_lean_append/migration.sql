-- Every append writes an outbox row per event (the trigger), and with it every index of the outbox.
-- Two of those indexes only ever serve rows the append never writes: the relay's "which streams are
-- held" (parked rows, rows backing off after a failure) and reconciliation and pruning (sent rows).
-- As partial indexes over just those rows, an append writes one outbox index instead of three (with
-- the foreign key below, a 100-event batch writes about 136 KB of WAL instead of 160 KB; measured with
-- bench/append/wal-per-batch.ts); a row enters them later, when the relay
-- marks it sent or records a failure. The queries that use them state the index's condition
-- (lib/outbox/outbox-store.ts, outbox-history.ts). Prisma's schema cannot express partial indexes, so
-- they live only here. Existing rows are indexed as the indexes are built.
DROP INDEX "outbox_stream_id_status_position_idx";
DROP INDEX "outbox_status_sent_at_idx";
-- Rows that hold their stream: parked, or pending with a retry time (only a failed publish sets one).
CREATE INDEX "outbox_held_idx" ON "outbox"("stream_id", "position")
    WHERE "status" = 'parked' OR "next_attempt_at" IS NOT NULL;
-- Sent rows by when they were sent (only marking a row sent sets sent_at).
CREATE INDEX "outbox_sent_idx" ON "outbox"("sent_at", "position") WHERE "sent_at" IS NOT NULL;

-- The foreign key from an outbox row to its event checked every row the trigger wrote by locking the
-- event it had just inserted (SELECT … FOR KEY SHARE): a second write, and a WAL record, per event.
-- The trigger is the only writer of outbox rows, it copies positions from the rows just inserted, and
-- the database refuses to UPDATE or DELETE events, so the key could never fail. (SQLite keeps its key:
-- there the check is a read of a page the insert has just written.) The Prisma relation stays, with
-- relationMode = "prisma" in prisma/postgresql/schema.prisma so that no later migration adds the key back.
ALTER TABLE "outbox" DROP CONSTRAINT "outbox_position_fkey";
