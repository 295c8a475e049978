import type { EventStore } from '../core/event-store';
import type { ReadDb } from '../read/read-db';
import { WorkerLease } from '../workers/worker-lease';
import type { TransferSagaConfig } from './saga-config';
import type { LegSender } from './transfer-legs';
import { TransferSaga } from './transfer-saga';

/** The saga's checkpoint and lease: its row in the workers' lease table. */
export const TRANSFER_SAGA_CHECKPOINT = 'transfer-saga';

/** The transfer process manager with its leased checkpoint in the read database. */
export const createTransferSaga = (
  store: EventStore,
  db: ReadDb,
  config: TransferSagaConfig,
  options: { holder: string; pollMs?: number; log?: (message: string) => void; commands?: LegSender },
): TransferSaga =>
  new TransferSaga(store, new WorkerLease(db, TRANSFER_SAGA_CHECKPOINT, options.holder, config.leaseMs), {
    ...config,
    pollMs: options.pollMs,
    log: options.log,
    commands: options.commands,
  });
