-- Most events have no cause (a command's own events): only those that have one enter the causation
-- index, which every lookup by causation id (always `= $n`, a strict operator) still uses. An append
-- of such events then inserts into one index fewer.
DROP INDEX "events_causation_idx";
CREATE INDEX "events_causation_idx" ON "events" (("metadata"->>'causationId'), "position")
    WHERE ("metadata"->>'causationId') IS NOT NULL;
