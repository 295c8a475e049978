-- Customers' data keys for crypto-shredding: wrapped by the master key (CHRONICLE_DATA_KEY), destroyed on
-- erasure, the row kept as a tombstone so that no key is made for that customer again. Not append-only.
CREATE TABLE "customer_data_keys" (
    "customer_id" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "wrapped_key" TEXT,
    "master_key_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "erased_at" TIMESTAMPTZ(3),

    CONSTRAINT "customer_data_keys_pkey" PRIMARY KEY ("customer_id")
);

CREATE UNIQUE INDEX "customer_data_keys_key_id_key" ON "customer_data_keys"("key_id");
