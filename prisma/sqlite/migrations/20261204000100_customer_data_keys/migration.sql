-- Customers' data keys for crypto-shredding: wrapped by the master key (CHRONICLE_DATA_KEY), destroyed on
-- erasure, the row kept as a tombstone so that no key is made for that customer again. Not append-only.
CREATE TABLE "customer_data_keys" (
    "customer_id" TEXT NOT NULL PRIMARY KEY,
    "key_id" TEXT NOT NULL,
    "wrapped_key" TEXT,
    "master_key_id" TEXT,
    "created_at" DATETIME NOT NULL,
    "erased_at" DATETIME
);

CREATE UNIQUE INDEX "customer_data_keys_key_id_key" ON "customer_data_keys"("key_id");
