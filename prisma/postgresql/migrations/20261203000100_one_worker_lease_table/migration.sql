-- The outbox relay takes its lease in the workers' lease table (projection_checkpoints, row "outbox-relay"),
-- as the projections and the transfer saga do; its own table goes.
DROP TABLE "outbox_leases";
