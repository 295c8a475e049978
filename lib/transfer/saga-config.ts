type Env = Record<string, string | undefined>;

const wholeNumber = (env: Env, name: string, fallback: number, min: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}, got ${raw}`);
  return value;
};

export type TransferSagaConfig = { stepTimeoutMs: number; maxAttempts: number; retryDelayMs: number; leaseMs: number };

/**
 * CHRONICLE_TRANSFER_STEP_TIMEOUT_MS (default 10 s): how long one attempt at an account leg may take.
 * CHRONICLE_TRANSFER_STEP_ATTEMPTS (default 3): failed attempts before a debit or credit is given up and compensated.
 * CHRONICLE_TRANSFER_RETRY_MS (default 1 s): pause between attempts.
 * CHRONICLE_TRANSFER_LEASE_MS (default 10 s, at least three step timeouts): how long a crashed driver keeps the transfers.
 */
export const transferSagaConfig = (env: Env = process.env): TransferSagaConfig => {
  const stepTimeoutMs = wholeNumber(env, 'CHRONICLE_TRANSFER_STEP_TIMEOUT_MS', 10_000, 1);
  return {
    stepTimeoutMs,
    maxAttempts: wholeNumber(env, 'CHRONICLE_TRANSFER_STEP_ATTEMPTS', 3, 1),
    retryDelayMs: wholeNumber(env, 'CHRONICLE_TRANSFER_RETRY_MS', 1_000, 0),
    // The lease outlives the slowest attempt, so a busy driver does not lose it mid-step.
    leaseMs: Math.max(wholeNumber(env, 'CHRONICLE_TRANSFER_LEASE_MS', 10_000, 500), 3 * stepTimeoutMs),
  };
};
