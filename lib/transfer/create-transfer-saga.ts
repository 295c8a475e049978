import type { EventStore } from '../core/event-store';
import type { ReadDb } from '../read/read-db';
import { PrismaSagaCheckpoint } from './prisma-saga-checkpoint';
import type { TransferSagaConfig } from './saga-config';
import type { LegSender } from './transfer-legs';
import { TransferSaga } from './transfer-saga';

/** The transfer process manager with its leased checkpoint in the read database. */
export const createTransferSaga = (
  store: EventStore,
  db: ReadDb,
  config: TransferSagaConfig,
  options: { holder: string; pollMs?: number; log?: (message: string) => void; commands?: LegSender },
): TransferSaga =>
  new TransferSaga(store, new PrismaSagaCheckpoint(db, options.holder, config.leaseMs), {
    ...config,
    pollMs: options.pollMs,
    log: options.log,
    commands: options.commands,
  });
