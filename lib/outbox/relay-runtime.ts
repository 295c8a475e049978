import type { UpcasterRegistry } from '../core/upcasting';
import type { ReadDb } from '../read/read-db';
import { checkBrokerDurability } from './broker-durability-probe';
import { JetStreamInventory } from './jetstream-inventory';
import type { MessageBus } from './message-bus';
import type { MessagingConfig } from './messaging-config';
import { NatsBus } from './nats-bus';
import { OutboxHistory } from './outbox-history';
import { OutboxReconciler } from './outbox-reconciler';
import { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';
import { OutboxStore } from './outbox-store';
import { ReconcileJob } from './reconcile-job';

export type RelayRuntime = {
  relay: OutboxRelay;
  reconcile: ReconcileJob | null;
  /** Starts the relay's loop and the periodic reconciliation (`npm run relay -- --once` drains instead). */
  start: () => void;
  stop: () => Promise<void>;
};

export type RelayRuntimeOptions = {
  config: MessagingConfig;
  bus: MessageBus;
  db: ReadDb;
  upcasters: UpcasterRegistry;
  log: (message: string) => void;
  relayOptions?: Omit<OutboxRelayOptions, 'log' | 'maxAttempts' | 'leaseMs'>;
};

/**
 * What every relay (the web server's, `npm run relay`) is prepared with: the broker's
 * durability checked first (a production relay refuses an unsafe broker, see
 * broker-durability.ts), then the relay, then, on JetStream, the periodic
 * reconciliation and pruning of sent rows, run by whichever relay holds the lease.
 */
export const prepareRelayRuntime = async ({ config, bus, db, upcasters, log, relayOptions = {} }: RelayRuntimeOptions): Promise<RelayRuntime> => {
  if (bus instanceof NatsBus && config.natsUrl) {
    await checkBrokerDurability({
      servers: config.natsUrl,
      streamName: bus.stream,
      monitorUrls: config.natsMonitorUrls,
      production: config.production,
      allowAsyncFsync: config.allowAsyncFsync,
      log,
    });
  }
  const store = new OutboxStore(db);
  const relay = new OutboxRelay(store, bus, upcasters, { ...relayOptions, maxAttempts: config.maxAttempts, leaseMs: config.leaseMs, log });
  const reconcile =
    bus instanceof NatsBus && config.reconcileIntervalMs !== null
      ? new ReconcileJob(new OutboxReconciler(new OutboxHistory(db), new JetStreamInventory(bus), upcasters), new OutboxHistory(db), {
          intervalMs: config.reconcileIntervalMs,
          windowMs: config.reconcileWindowMs,
          retentionMs: config.sentRetentionMs,
          isLeader: async () => {
            const lease = await store.lease();
            return lease?.holder === relay.holder && lease.expiresAt.getTime() > Date.now();
          },
          log,
        })
      : null;
  return {
    relay,
    reconcile,
    start: () => {
      relay.start();
      reconcile?.start();
    },
    stop: async () => {
      await reconcile?.stop();
      await relay.stop();
    },
  };
};
