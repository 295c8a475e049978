import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { databaseConfig } from './lib/store/database-config';

// The Prisma CLI reads this; the app, `npm run db:migrate` and the tests use
// databaseConfig directly. Same rule: DATABASE_URL's scheme picks the schema.
const database = databaseConfig(process.env);

export default defineConfig({
  schema: `prisma/${database.provider}/schema.prisma`,
  migrations: { path: `prisma/${database.provider}/migrations` },
  datasource: { url: database.provider === 'sqlite' ? `file:${path.resolve(database.filename)}` : database.url },
});
