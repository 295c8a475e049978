/**
 * Runs once when a Next.js server starts: the session secret is resolved (see
 * lib/server/auth/session-secret.ts), and the server's runtime starts the background work
 * this process runs: projections (woken right after each append), the transfer process
 * manager, the outbox relay and the notifications consumer, unless
 * CHRONICLE_IN_PROCESS_PROJECTIONS / _SAGAS / _RELAY / _NOTIFICATIONS=off leave them to
 * `npm run projector`, `npm run sagas`, `npm run relay` and `npm run consumer:notifications`.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Without a session secret outside demo mode this throws, and the server refuses to start.
  (await import('./lib/server/auth/session-secret')).sessionSecret();
  const { webRuntime } = await import('./lib/server/web-runtime');
  // Outside demo mode, a store in which no teller can sign in is refused: it says how to create one.
  await (await import('./lib/server/auth/sign-in-readiness')).assertSomeoneCanSignIn(webRuntime());
  await webRuntime().start();
  // Signed checkpoints on a schedule when CHRONICLE_AUDIT_CHECKPOINT_MINUTES asks for them.
  (await import('./lib/server/audit-checkpoints')).startCheckpointSchedule();
}
