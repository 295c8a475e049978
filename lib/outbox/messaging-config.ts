import { durationSetting } from './durations';

/** Messaging settings from the environment; shared by the web server, `npm run relay` and the consumers. */
export type MessagingConfig = {
  /** Set: JetStream at this URL (comma-separated servers). Unset: the in-process bus, no server needed. */
  natsUrl: string | null;
  natsStream: string;
  natsSubjectPrefix: string;
  /** Whether the web server runs the relay / the notifications consumer itself. */
  relayInServer: boolean;
  notificationsInServer: boolean;
  maxAttempts: number;
  leaseMs: number;
  /** Replicas the stream is created (or updated) with; null leaves an existing stream as it is and creates R1. */
  natsStreamReplicas: number | null;
  /** The nodes' monitoring endpoints, where the relay reads each one's fsync policy at start-up. */
  natsMonitorUrls: string[];
  /** Production relays refuse a broker that acknowledges before fsync unless this is on. */
  allowAsyncFsync: boolean;
  /** NODE_ENV=production with demo mode off (CHRONICLE_DEMO_MODE, as the sign-in page reads it). */
  production: boolean;
  /** How often the relay compares JetStream with the outbox's sent rows; null: never (only `chronicle outbox reconcile`). */
  reconcileIntervalMs: number | null;
  /** How far back each periodic comparison looks. */
  reconcileWindowMs: number;
  /** How long sent rows are kept (what reconciliation can compare); older ones are pruned. */
  sentRetentionMs: number;
};

export const positiveInt = (env: Record<string, string | undefined>, name: string, fallback: number): number => {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number from 1, got ${raw}`);
  return value;
};

const onOff = (env: Record<string, string | undefined>, name: string, fallback: 'on' | 'off' = 'on'): boolean => {
  const raw = (env[name] || fallback).trim().toLowerCase();
  if (raw !== 'on' && raw !== 'off') throw new Error(`${name} must be on or off, got ${raw}`);
  return raw === 'on';
};

export const messagingConfig = (env: Record<string, string | undefined> = process.env): MessagingConfig => ({
  natsUrl: env.NATS_URL?.trim() || null,
  natsStream: env.NATS_STREAM?.trim() || 'CHRONICLE_EVENTS',
  natsSubjectPrefix: env.NATS_SUBJECT_PREFIX?.trim() || 'chronicle.events',
  relayInServer: onOff(env, 'CHRONICLE_IN_PROCESS_RELAY'),
  notificationsInServer: onOff(env, 'CHRONICLE_IN_PROCESS_NOTIFICATIONS'),
  maxAttempts: positiveInt(env, 'OUTBOX_MAX_ATTEMPTS', 5),
  leaseMs: positiveInt(env, 'OUTBOX_LEASE_MS', 10_000),
  natsStreamReplicas: env.NATS_STREAM_REPLICAS?.trim() ? positiveInt(env, 'NATS_STREAM_REPLICAS', 1) : null,
  natsMonitorUrls: (env.NATS_MONITOR_URL ?? '').split(',').map((url) => url.trim()).filter(Boolean),
  allowAsyncFsync: onOff(env, 'NATS_ALLOW_ASYNC_FSYNC', 'off'),
  production: productionMode(env),
  reconcileIntervalMs: durationSetting(env, 'OUTBOX_RECONCILE_INTERVAL', '5m', true),
  reconcileWindowMs: durationSetting(env, 'OUTBOX_RECONCILE_WINDOW', '1h')!,
  sentRetentionMs: durationSetting(env, 'OUTBOX_SENT_RETENTION', '7d')!,
});

/**
 * Production: NODE_ENV=production and CHRONICLE_DEMO_MODE not on (unset, demo mode is on except in
 * production; the same reading as lib/server/auth/auth-mode.ts, which this layer may not import).
 */
export const productionMode = (env: Record<string, string | undefined>): boolean => {
  const demo = env.CHRONICLE_DEMO_MODE?.trim().toLowerCase();
  return env.NODE_ENV === 'production' && demo !== 'on' && demo !== '1' && demo !== 'true';
};
