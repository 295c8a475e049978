import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const alias = { '@': root };
const exclude = ['node_modules/**', '.next/**', 'e2e/**'];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      { resolve: { alias }, test: { name: 'unit', include: ['**/*.unit.spec.ts'], exclude, environment: 'node' } },
      {
        resolve: { alias },
        test: {
          name: 'int',
          include: ['**/*.int.spec.ts'],
          exclude,
          environment: 'node',
          // Limits that catch a hang, not a slow machine: with a CPU hog beside the suite on 2 cores several
          // process-level tests (two projectors, the saga process, the CLI) took 45-55 s of the old 60 s.
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // Integration files share one PostgreSQL server; each uses its own schema.
          fileParallelism: true,
        },
      },
    ],
  },
});
