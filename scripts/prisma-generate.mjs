// Generates both Prisma clients (lib/generated/prisma-sqlite and
// lib/generated/prisma-postgresql). Runs as the package's postinstall.
//
// `prisma generate` insists on locating a native schema engine, which it
// would download; offline that fails. Generation itself never runs it, so
// PRISMA_SCHEMA_ENGINE_BINARY points at any existing file, for this command
// only. Never set it for `prisma migrate`: migrate then silently does nothing.
// Migrations go through `npm run db:migrate` (the WebAssembly engine).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const cli = require.resolve('prisma/build/index.js');
const schemas = ['prisma/sqlite/schema.prisma', 'prisma/postgresql/schema.prisma'];

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY:
    process.env.PRISMA_SCHEMA_ENGINE_BINARY && existsSync(process.env.PRISMA_SCHEMA_ENGINE_BINARY)
      ? process.env.PRISMA_SCHEMA_ENGINE_BINARY
      : cli,
  CHECKPOINT_DISABLE: '1',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
};

// prisma.config.ts derives a datasource from these; generation needs none.
delete env.DATABASE_URL;
delete env.SQLITE_SYNCHRONOUS;

for (const schema of schemas) {
  const result = spawnSync(process.execPath, [cli, 'generate', '--schema', schema], { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`prisma generate failed for ${schema} (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}
