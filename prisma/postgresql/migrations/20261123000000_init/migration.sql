-- CreateTable
CREATE TABLE "events" (
    "position" BIGSERIAL NOT NULL,
    "event_id" UUID NOT NULL,
    "stream_id" TEXT NOT NULL,
    "stream_version" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "schema_version" INTEGER NOT NULL,
    "data" JSONB NOT NULL,
    "metadata" JSONB NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "events_pkey" PRIMARY KEY ("position")
);

-- CreateTable
CREATE TABLE "commands" (
    "command_id" TEXT NOT NULL,
    "stream_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "position" BIGINT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "commands_pkey" PRIMARY KEY ("command_id")
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
CREATE FUNCTION "events_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'events are immutable: % refused', TG_OP USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER "events_refuse_update_delete" BEFORE UPDATE OR DELETE ON "events"
    FOR EACH ROW EXECUTE FUNCTION "events_refuse_change"();

CREATE TRIGGER "events_refuse_truncate" BEFORE TRUNCATE ON "events"
    FOR EACH STATEMENT EXECUTE FUNCTION "events_refuse_change"();

-- Appends run as one statement under a transaction-scoped advisory lock, so
-- global positions become visible in the order they were assigned: a reader
-- that resumes from a position can never miss an event that commits late.
-- Returns ('ok' | 'conflict' | 'duplicate', stream version, last position).
CREATE FUNCTION "chronicle_append"(
    p_stream_id TEXT,
    p_expected_version INTEGER,
    p_event_ids UUID[],
    p_types TEXT[],
    p_schema_versions INTEGER[],
    p_data JSONB[],
    p_metadata JSONB[],
    p_hashes TEXT[],
    p_recorded_at TIMESTAMPTZ,
    p_command_id TEXT
) RETURNS TABLE (status TEXT, stream_version INTEGER, last_position BIGINT) LANGUAGE plpgsql AS $$
DECLARE
    v_head INTEGER;
    v_previous RECORD;
    v_last BIGINT;
BEGIN
    PERFORM pg_advisory_xact_lock(4242424201);
    IF p_command_id IS NOT NULL THEN
        SELECT c.version, c.position INTO v_previous FROM "commands" c WHERE c.command_id = p_command_id;
        IF FOUND THEN
            RETURN QUERY SELECT 'duplicate'::TEXT, v_previous.version, v_previous.position;
            RETURN;
        END IF;
    END IF;
    SELECT coalesce(max(e.stream_version), 0) INTO v_head FROM "events" e WHERE e.stream_id = p_stream_id;
    IF v_head <> p_expected_version THEN
        RETURN QUERY SELECT 'conflict'::TEXT, v_head, NULL::BIGINT;
        RETURN;
    END IF;
    INSERT INTO "events" (event_id, stream_id, stream_version, type, schema_version, data, metadata, recorded_at, hash)
    SELECT p_event_ids[i], p_stream_id, p_expected_version + i, p_types[i], p_schema_versions[i],
           p_data[i], p_metadata[i], p_recorded_at, p_hashes[i]
    FROM generate_subscripts(p_event_ids, 1) AS i
    ORDER BY i;
    v_last := currval(pg_get_serial_sequence('"events"', 'position'));
    IF p_command_id IS NOT NULL THEN
        INSERT INTO "commands" (command_id, stream_id, version, position, recorded_at)
        VALUES (p_command_id, p_stream_id, p_expected_version + cardinality(p_event_ids), v_last, p_recorded_at);
    END IF;
    RETURN QUERY SELECT 'ok'::TEXT, p_expected_version + cardinality(p_event_ids), v_last;
END;
$$;
