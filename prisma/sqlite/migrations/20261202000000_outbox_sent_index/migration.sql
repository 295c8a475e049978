-- CreateIndex
CREATE INDEX "outbox_status_sent_at_idx" ON "outbox"("status", "sent_at");
