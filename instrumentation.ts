/**
 * Runs once when a Next.js server starts: the read models are kept up to date
 * inside the web server (woken right after each append), unless
 * CHRONICLE_IN_PROCESS_PROJECTIONS=off leaves that to `npm run projector`.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Transfers are driven here too unless CHRONICLE_IN_PROCESS_SAGAS=off leaves them to `npm run sagas`.
  if (process.env.CHRONICLE_IN_PROCESS_SAGAS !== 'off') {
    const { transferSaga } = await import('./lib/server/transfer-saga');
    transferSaga();
  }
  if (process.env.CHRONICLE_IN_PROCESS_PROJECTIONS === 'off') return;
  const { projectionManager } = await import('./lib/server/read-side');
  projectionManager();
}
