import { defineConfig, globalIgnores } from 'eslint/config';
import nextPlugin from '@next/eslint-plugin-next';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import layers from './eslint/layers.mjs';

const frameworkFree = 'The core and the domain stay free of frameworks, databases and UI: pass what they need in.';

export default defineConfig([
  // The pieces of eslint-config-next, without its import resolver (whose native bindings the lockfile cannot hold).
  ...tseslint.configs.recommended,
  reactHooks.configs.flat['recommended-latest'],
  {
    plugins: { '@next/next': nextPlugin },
    rules: { ...nextPlugin.configs.recommended.rules, ...nextPlugin.configs['core-web-vitals'].rules },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      // `const _never: never = x` closes exhaustive switches; `_`-names are deliberately unused.
      '@typescript-eslint/no-unused-vars': [
        'warn',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Imports run one way (app, components → lib/server → lib/runtime → application and adapters → domain → core);
    // eslint/layers.mjs lists what each folder may import.
    files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.mjs'],
    plugins: { layers },
    rules: { 'layers/imports-run-down': 'error' },
  },
  {
    files: ['lib/core/**', 'lib/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['next', 'react', 'react-dom', 'server-only'].map((name) => ({ name, message: frameworkFree })),
          patterns: [
            { group: ['next/*', 'react/*', 'react-dom/*', '@prisma/*'], message: frameworkFree },
            { group: ['**/generated/**', '@/lib/generated', '@/lib/generated/**'], message: `${frameworkFree} (no generated Prisma clients)` },
          ],
        },
      ],
    },
  },
  {
    // Playwright fixtures receive a callback named `use`, which the hooks rule takes for React's `use()`;
    // in the core and the domain React cannot be imported at all.
    files: ['e2e/**', 'lib/core/**', 'lib/domain/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  globalIgnores(['.next/**', 'out/**', 'build/**', 'next-env.d.ts', 'node_modules/**', 'lib/generated/**', 'playwright-report/**', 'test-results/**']),
]);
