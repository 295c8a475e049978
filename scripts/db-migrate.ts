import { databaseConfig } from '../lib/server/database-config';
import { applyMigrations, describeTarget } from '../lib/store/migrations';

const verbose = process.argv.includes('--verbose');

try {
  const config = databaseConfig();
  console.log(`Applying migrations from prisma/${config.provider}/migrations to ${describeTarget(config)}`);
  const started = performance.now();
  const applied = await applyMigrations(config, verbose ? { log: (message) => console.log(`  ${message}`) } : {});
  const took = `${Math.round(performance.now() - started)} ms`;
  if (applied.length === 0) console.log(`Already up to date (${took}).`);
  else console.log(`Applied ${applied.length} migration(s) in ${took}:\n${applied.map((name) => `  ${name}`).join('\n')}`);
} catch (error) {
  console.error(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
