-- Group commit: several appends (to different streams) in one call, one
-- transaction and one WAL flush, still under the global-order advisory lock.
-- Each append succeeds or fails on its own: 'ok' | 'conflict' | 'duplicate' | 'invalid'.
CREATE FUNCTION "chronicle_append_batch"(
    p_stream_ids TEXT[],
    p_expected_versions INTEGER[],
    p_command_ids TEXT[],
    p_event_counts INTEGER[],
    p_event_ids UUID[],
    p_types TEXT[],
    p_schema_versions INTEGER[],
    p_data JSONB[],
    p_metadata JSONB[],
    p_hashes TEXT[],
    p_recorded_at TIMESTAMPTZ[]
) RETURNS TABLE (ordinal INTEGER, status TEXT, stream_version INTEGER, last_position BIGINT, detail TEXT) LANGUAGE plpgsql AS $$
DECLARE
    v_offset INTEGER := 0;
    v_count INTEGER;
    v_head INTEGER;
    v_found BOOLEAN;
    v_previous_version INTEGER;
    v_previous_position BIGINT;
    i INTEGER;
BEGIN
    PERFORM pg_advisory_xact_lock(4242424201);
    FOR i IN 1 .. coalesce(cardinality(p_stream_ids), 0) LOOP
        v_count := p_event_counts[i];
        ordinal := i;
        detail := NULL;
        last_position := NULL;
        v_found := FALSE;
        IF p_command_ids[i] IS NOT NULL THEN
            SELECT c.version, c.position INTO v_previous_version, v_previous_position
            FROM "commands" c WHERE c.command_id = p_command_ids[i];
            v_found := FOUND;
        END IF;
        IF v_found THEN
            status := 'duplicate';
            stream_version := v_previous_version;
            last_position := v_previous_position;
        ELSE
            SELECT coalesce(max(e.stream_version), 0) INTO v_head FROM "events" e WHERE e.stream_id = p_stream_ids[i];
            IF v_head <> p_expected_versions[i] THEN
                status := 'conflict';
                stream_version := v_head;
            ELSE
                BEGIN
                    INSERT INTO "events" (event_id, stream_id, stream_version, type, schema_version, data, metadata, recorded_at, hash)
                    SELECT p_event_ids[v_offset + j], p_stream_ids[i], p_expected_versions[i] + j, p_types[v_offset + j],
                           p_schema_versions[v_offset + j], p_data[v_offset + j], p_metadata[v_offset + j], p_recorded_at[i],
                           p_hashes[v_offset + j]
                    FROM generate_series(1, v_count) AS j
                    ORDER BY j;
                    last_position := currval(pg_get_serial_sequence('"events"', 'position'));
                    IF p_command_ids[i] IS NOT NULL THEN
                        INSERT INTO "commands" (command_id, stream_id, version, position, recorded_at)
                        VALUES (p_command_ids[i], p_stream_ids[i], p_expected_versions[i] + v_count, last_position, p_recorded_at[i]);
                    END IF;
                    status := 'ok';
                    stream_version := p_expected_versions[i] + v_count;
                EXCEPTION WHEN unique_violation THEN
                    status := 'invalid';
                    stream_version := v_head;
                    last_position := NULL;
                    detail := SQLERRM;
                END;
            END IF;
        END IF;
        RETURN NEXT;
        v_offset := v_offset + v_count;
    END LOOP;
END;
$$;
