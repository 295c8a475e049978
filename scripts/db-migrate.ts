/** `npm run db:migrate [-- --verbose]`: `chronicle migrate` (lib/cli/commands/migrate.ts). */
import { runCli } from '../lib/cli/main';

process.exitCode = await runCli(['migrate', ...process.argv.slice(2)]);
