#!/usr/bin/env node
// The `chronicle` ledger CLI. The commands are TypeScript in lib/cli; tsx compiles them on load, in this
// process (no second node start), with the project's tsconfig whatever the working directory.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// `chronicle list | head`: a reader that went away is not an error.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { runCli } = await import('../lib/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
