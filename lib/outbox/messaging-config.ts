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
};

export const positiveInt = (env: Record<string, string | undefined>, name: string, fallback: number): number => {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number from 1, got ${raw}`);
  return value;
};

const onOff = (env: Record<string, string | undefined>, name: string): boolean => {
  const raw = (env[name] ?? 'on').trim().toLowerCase();
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
});
