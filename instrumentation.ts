/**
 * Runs once when a Next.js server starts: the session secret is resolved
 * (see lib/server/auth/session-secret.ts), and the read models are kept up to date
 * inside the web server (woken right after each append), unless
 * CHRONICLE_IN_PROCESS_PROJECTIONS=off leaves that to `npm run projector`; likewise
 * the outbox relay and notifications consumer (CHRONICLE_IN_PROCESS_RELAY /
 * CHRONICLE_IN_PROCESS_NOTIFICATIONS=off leave them to `npm run relay` and
 * `npm run consumer:notifications`).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Without a session secret outside demo mode this throws, and the server refuses to start.
  (await import('./lib/server/auth/session-secret')).sessionSecret();
  // Transfers are driven here too unless CHRONICLE_IN_PROCESS_SAGAS=off leaves them to `npm run sagas`.
  if (process.env.CHRONICLE_IN_PROCESS_SAGAS !== 'off') {
    const { transferSaga } = await import('./lib/server/transfer-saga');
    transferSaga();
  }
  // The outbox relay and the notifications consumer, on the in-process bus or JetStream (NATS_URL).
  const { messaging } = await import('./lib/server/messaging');
  void messaging().catch((error: unknown) => console.error('[messaging] failed to start', error));
  if (process.env.CHRONICLE_IN_PROCESS_PROJECTIONS === 'off') return;
  const { projectionManager } = await import('./lib/server/read-side');
  projectionManager();
}
