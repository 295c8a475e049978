-- CreateTable
CREATE TABLE "projections" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "active_generation" INTEGER NOT NULL,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "projection_checkpoints" (
    "projection" TEXT NOT NULL,
    "generation" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "position" BIGINT NOT NULL,
    "status" TEXT NOT NULL,
    "last_error" TEXT,
    "error_position" BIGINT,
    "error_at" DATETIME,
    "lease_holder" TEXT,
    "lease_expires_at" DATETIME,
    "updated_at" DATETIME NOT NULL,

    PRIMARY KEY ("projection", "generation")
);

-- CreateTable
CREATE TABLE "account_summaries" (
    "generation" INTEGER NOT NULL,
    "account_id" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "balance" BIGINT NOT NULL,
    "overdraft_limit" BIGINT NOT NULL,
    "version" INTEGER NOT NULL,
    "opened_at" DATETIME NOT NULL,
    "last_activity_at" DATETIME NOT NULL,
    "closed_at" DATETIME,
    "position" BIGINT NOT NULL,

    PRIMARY KEY ("generation", "account_id")
);

-- CreateTable
CREATE TABLE "account_transactions" (
    "generation" INTEGER NOT NULL,
    "position" BIGINT NOT NULL,
    "account_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "balance_after" BIGINT NOT NULL,
    "occurred_at" DATETIME NOT NULL,
    "actor" TEXT NOT NULL,

    PRIMARY KEY ("generation", "position")
);

-- CreateTable
CREATE TABLE "bank_currency_totals" (
    "generation" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "balance" BIGINT NOT NULL,
    "accounts" INTEGER NOT NULL,

    PRIMARY KEY ("generation", "currency")
);

-- CreateTable
CREATE TABLE "bank_status_counts" (
    "generation" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "accounts" INTEGER NOT NULL,

    PRIMARY KEY ("generation", "status")
);

-- CreateTable
CREATE TABLE "bank_daily_flows" (
    "generation" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "deposits" BIGINT NOT NULL,
    "withdrawals" BIGINT NOT NULL,
    "interest" BIGINT NOT NULL,
    "movements" INTEGER NOT NULL,

    PRIMARY KEY ("generation", "day", "currency")
);

-- CreateIndex
CREATE INDEX "account_summaries_generation_owner_account_id_idx" ON "account_summaries"("generation", "owner", "account_id");

-- CreateIndex
CREATE INDEX "account_summaries_generation_status_account_id_idx" ON "account_summaries"("generation", "status", "account_id");

-- CreateIndex
CREATE INDEX "account_summaries_generation_balance_account_id_idx" ON "account_summaries"("generation", "balance", "account_id");

-- CreateIndex
CREATE INDEX "account_summaries_generation_last_activity_at_account_id_idx" ON "account_summaries"("generation", "last_activity_at", "account_id");

-- CreateIndex
CREATE INDEX "account_summaries_generation_opened_at_account_id_idx" ON "account_summaries"("generation", "opened_at", "account_id");

-- CreateIndex
CREATE INDEX "account_transactions_generation_account_id_version_idx" ON "account_transactions"("generation", "account_id", "version");

-- CreateIndex
CREATE INDEX "bank_daily_flows_generation_currency_day_idx" ON "bank_daily_flows"("generation", "currency", "day");
