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
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Integration files share one PostgreSQL server; each uses its own schema.
          fileParallelism: true,
        },
      },
    ],
  },
});
