-- Commands that did not become events (refused, or lost to a concurrent writer), kept apart from the event log.
CREATE TABLE "command_journal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "command_id" TEXT NOT NULL,
    "aggregate" TEXT NOT NULL,
    "command" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "stream_id" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "correlation_id" TEXT,
    "causation_id" TEXT,
    "decided_at_version" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "input" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

CREATE INDEX "command_journal_stream_id_id_idx" ON "command_journal"("stream_id", "id");

CREATE INDEX "command_journal_correlation_id_idx" ON "command_journal"("correlation_id");
