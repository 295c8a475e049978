/**
 * Runs once when a Next.js server starts: the session secret is resolved
 * (see lib/server/auth/session-secret.ts), and the read models are kept up to date
 * inside the web server (woken right after each append), unless
 * CHRONICLE_IN_PROCESS_PROJECTIONS=off leaves that to `npm run projector`.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Without a session secret outside demo mode this throws, and the server refuses to start.
  (await import('./lib/server/auth/session-secret')).sessionSecret();
  if (process.env.CHRONICLE_IN_PROCESS_PROJECTIONS === 'off') return;
  const { projectionManager } = await import('./lib/server/read-side');
  projectionManager();
}
