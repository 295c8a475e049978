-- AlterTable: accounts belong to customer ids (AccountOpened v3); the projection's version 2 rebuilds the rows.
ALTER TABLE "account_summaries" ADD COLUMN "customer_id" TEXT;

-- CreateIndex
CREATE INDEX "account_summaries_generation_customer_id_account_id_idx" ON "account_summaries"("generation", "customer_id", "account_id");
