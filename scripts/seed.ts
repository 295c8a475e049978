/**
 * `npm run seed [-- --seed N]`: fills an empty store with months of simulated
 * banking. The same seed value gives the same accounts, amounts and times.
 */
import { SingleBar, Presets } from 'cli-progress';
import { parseArgs } from 'node:util';
import { auditQueriesOf } from '../lib/core/audit-queries';
import { UnavailableError } from '../lib/core/errors';
import { ACCOUNT_STATE_SCHEMA_VERSION } from '../lib/domain/account/state';
import { createRuntime } from '../lib/runtime/runtime';
import { seedBank } from '../lib/seed/seed-bank';
import { seedConcurrentWithdrawals } from '../lib/seed/seed-concurrent-withdrawals';
import { seedTransfers } from '../lib/seed/seed-transfers';
import { seedDemoUsers } from '../lib/seed/seed-users';
import { DEMO_PASSWORD } from '../lib/auth/demo-users';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: process.env.SEED ?? '42' },
    customers: { type: 'string', default: '40' },
    'sales-per-day': { type: 'string', default: '60' },
    /** The demo bank's users with the published password: `npm run demo` and the e2e server only. */
    'demo-users': { type: 'boolean', default: false },
  },
});
const seed = Number(values.seed);
if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);

let now = new Date();
// Bulk import: NORMAL is safe against process crashes, and a failed seed is simply rerun on a fresh database.
const runtime = (() => {
  try {
    return createRuntime({ store: { clock: () => now, synchronous: 'NORMAL' } });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
})();
const store = runtime.store;

/** Whether the bank was seeded already (users alone, from an earlier --demo-users, do not count). */
const hasAccounts = async (): Promise<boolean> => {
  const queries = auditQueriesOf(store);
  if (!queries) return (await store.readAll({ limit: 1 })).length > 0;
  return (await queries.queryEvents({ category: 'account', order: 'asc', limit: 1 })).length > 0;
};
const snapshotStore = runtime.snapshots;
const every = runtime.config.snapshotEvery;

try {
  if (values['demo-users']) {
    const registered = await seedDemoUsers(runtime.commands);
    console.log(`Demo users: ${registered} registered (password ${DEMO_PASSWORD}); the others were there already.`);
  }
  if (await hasAccounts()) {
    console.log('The store already holds events: seeding skipped (seed a fresh database to start over).');
  } else {
    const bar = new SingleBar({ format: 'Seeding  [{bar}] {percentage}% | {value}/{total} commands | {eta}s left' }, Presets.shades_classic);
    let started = false;
    const summary = await seedBank(store, {
      seed,
      customers: Number(values.customers),
      start: new Date('2026-05-01T00:00:00Z'),
      end: new Date('2026-11-20T00:00:00Z'),
      merchantSalesPerDay: Number(values['sales-per-day']),
      setTime: (at) => (now = at),
      snapshots: snapshotStore ? { store: snapshotStore, policy: { every, stateSchemaVersion: ACCOUNT_STATE_SCHEMA_VERSION } } : undefined,
      journal: runtime.journal,
      onProgress: (done, total) => {
        if (!started) bar.start(total, 0);
        started = true;
        bar.update(done);
      },
    });
    bar.stop();
    const transfers = await seedTransfers(store, { seed, day: new Date('2026-11-20T00:00:00Z'), setTime: (at) => (now = at) });
    now = new Date('2026-11-20T16:00:00Z');
    const raced = await seedConcurrentWithdrawals((...args) => runtime.commands.send(...args), now, (at) => (now = at));
    if (!raced) console.warn('The seeded double withdrawal did not lose its race as planned: the debugger will not show a lost command.');
    console.log(
      `Seeded ${summary.accounts} accounts with ${summary.events} events from ${summary.commands} commands ` +
        `(${summary.refused} refused by the rules, as a real bank would) and ${transfers.length} transfers using seed ${seed}.`,
    );
  }
} catch (error) {
  if (error instanceof UnavailableError) {
    console.error(error.message);
    process.exitCode = 1;
  } else {
    throw error;
  }
} finally {
  await runtime.close();
}
