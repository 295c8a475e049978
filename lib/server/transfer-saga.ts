import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { EventStore } from '../core/event-store';
import type { ReadDb } from '../read/read-db';
import { PrismaSagaCheckpoint } from '../transfers/prisma-saga-checkpoint';
import { transferSagaConfig } from '../transfers/saga-config';
import { TransferSaga } from '../transfers/transfer-saga';
import type { AccountLoader } from '../transfers/transfer-legs';
import { accountLoader } from './account-loader';
import { appendSignal } from './append-signal';
import { eventStore } from './event-store';
import { readDb } from './read-side';

export const createTransferSaga = (
  store: EventStore,
  db: ReadDb,
  options: { pollMs?: number; log?: (message: string) => void; accountLoader?: AccountLoader } = {},
): TransferSaga => {
  const config = transferSagaConfig();
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  return new TransferSaga(store, new PrismaSagaCheckpoint(db, holder, config.leaseMs), { ...config, ...options });
};

const globalForSaga = globalThis as unknown as { chronicleTransferSaga?: TransferSaga };

/** The transfer process manager inside the web server, woken by every append made here. */
export const transferSaga = (): TransferSaga => {
  if (!globalForSaga.chronicleTransferSaga) {
    const saga = createTransferSaga(eventStore(), readDb(), { log: (message) => console.log(`[transfers] ${message}`), accountLoader: accountLoader() });
    globalForSaga.chronicleTransferSaga = saga;
    appendSignal().onAppended(() => saga.notify());
    saga.start();
  }
  return globalForSaga.chronicleTransferSaga;
};
