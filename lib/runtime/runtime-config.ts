import { snapshotEvery } from '../commands/aggregate-loaders';
import type { CustomerPolicy } from '../core/aggregate';
import { durationSetting } from '../outbox/durations';
import { messagingConfig, type MessagingConfig } from '../outbox/messaging-config';
import type { JournalBounds } from '../read/bounded-command-journal';
import { databaseConfig, type DatabaseConfig } from '../store/database-config';
import { transferSagaConfig, type TransferSagaConfig } from '../transfer/saga-config';

type Env = Record<string, string | undefined>;

const wholeNumber = (env: Env, name: string, fallback: number): number => {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d{1,15}$/.test(raw)) throw new Error(`${name} must be a whole number ≥ 0, got ${raw}`);
  return Number(raw);
};

/** What a process runs with, read from the environment once, at the composition root. */
export type RuntimeConfig = {
  database: DatabaseConfig;
  /** Events between snapshots; 0: none. */
  snapshotEvery: number;
  messaging: MessagingConfig;
  transfers: TransferSagaConfig;
  /** What customers may do by themselves (CHRONICLE_CUSTOMER_MAX_OVERDRAFT, minor units, default 0). */
  customers: CustomerPolicy;
  /** How much the command journal keeps: refused commands per customer a minute, and for how long. */
  journal: JournalBounds;
  /** Which background work this process runs itself (the web server runs all of it unless told otherwise). */
  inProcess: { projections: boolean; transfers: boolean };
};

const onUnlessOff = (env: Env, name: string): boolean => {
  const raw = (env[name] ?? 'on').trim().toLowerCase();
  if (raw !== 'on' && raw !== 'off') throw new Error(`${name} must be on or off, got ${raw}`);
  return raw === 'on';
};

export const runtimeConfig = (env: Env = process.env, overrides: Partial<RuntimeConfig> = {}): RuntimeConfig => ({
  database: overrides.database ?? databaseConfig(env),
  snapshotEvery: overrides.snapshotEvery ?? snapshotEvery(env),
  messaging: overrides.messaging ?? messagingConfig(env),
  transfers: overrides.transfers ?? transferSagaConfig(env),
  customers: overrides.customers ?? { maxOverdraftLimit: wholeNumber(env, 'CHRONICLE_CUSTOMER_MAX_OVERDRAFT', 0) },
  journal: overrides.journal ?? {
    customerEntriesPerMinute: wholeNumber(env, 'CHRONICLE_JOURNAL_CUSTOMER_PER_MINUTE', 20),
    retentionMs: durationSetting(env, 'CHRONICLE_JOURNAL_RETENTION', '365d')!,
  },
  inProcess: overrides.inProcess ?? {
    projections: onUnlessOff(env, 'CHRONICLE_IN_PROCESS_PROJECTIONS'),
    transfers: onUnlessOff(env, 'CHRONICLE_IN_PROCESS_SAGAS'),
  },
});
