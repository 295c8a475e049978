-- CreateTable
CREATE TABLE "snapshots" (
    "stream_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "state_schema_version" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,

    PRIMARY KEY ("stream_id", "version")
);
