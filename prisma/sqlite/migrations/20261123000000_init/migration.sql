-- CreateTable
CREATE TABLE "events" (
    "position" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "event_id" TEXT NOT NULL,
    "stream_id" TEXT NOT NULL,
    "stream_version" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "schema_version" INTEGER NOT NULL,
    "data" TEXT NOT NULL,
    "metadata" TEXT NOT NULL,
    "recorded_at" DATETIME NOT NULL,
    "hash" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "commands" (
    "command_id" TEXT NOT NULL PRIMARY KEY,
    "stream_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "recorded_at" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "events_event_id_key" ON "events"("event_id");

-- CreateIndex
CREATE INDEX "events_type_idx" ON "events"("type");

-- CreateIndex
CREATE INDEX "events_recorded_at_idx" ON "events"("recorded_at");

-- CreateIndex
CREATE UNIQUE INDEX "events_stream_id_stream_version_key" ON "events"("stream_id", "stream_version");

-- Events are immutable facts: the database itself refuses to change or remove them.
CREATE TRIGGER "events_refuse_update" BEFORE UPDATE ON "events"
BEGIN
    SELECT RAISE(ABORT, 'events are immutable: UPDATE refused');
END;

CREATE TRIGGER "events_refuse_delete" BEFORE DELETE ON "events"
BEGIN
    SELECT RAISE(ABORT, 'events are immutable: DELETE refused');
END;
