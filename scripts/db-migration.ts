import path from 'node:path';
import { databaseConfig } from '../lib/store/database-config';
import { createMigration, describeTarget } from '../lib/store/migrations';

const USAGE = 'Usage: npm run db:migration -- <name>   (e.g. add_account_index)';

const slug = (raw: string): string =>
  raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

const name = slug(process.argv.slice(2).filter((arg) => !arg.startsWith('--')).join('_'));

if (!name) {
  console.error(USAGE);
  process.exitCode = 2;
} else {
  try {
    const config = databaseConfig();
    const other = config.provider === 'sqlite' ? 'postgresql' : 'sqlite';
    console.log(`Comparing prisma/${config.provider}/schema.prisma with its migrations (database: ${describeTarget(config)})`);
    const result = await createMigration(config, name);
    if (!result.created) {
      console.log('No changes: the schema and the migrations agree. Nothing written.');
    } else {
      console.log(`Created ${path.relative(process.cwd(), result.directory)}/migration.sql:\n\n${result.script}`);
      console.log('Review it, then apply it with: npm run db:migrate');
      console.log(`Remember prisma/${other}/: make the same change there and create its migration with DATABASE_URL set for ${other}.`);
    }
  } catch (error) {
    console.error(`db:migration failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
