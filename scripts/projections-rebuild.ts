/** `npm run projections:rebuild [-- NAME ...]`: `chronicle projections rebuild` (lib/cli/commands/projections.ts). */
import { runCli } from '../lib/cli/main';

process.exitCode = await runCli(['projections', 'rebuild', ...process.argv.slice(2)]);
