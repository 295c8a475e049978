/**
 * `npm run streams:migrate -- <streamId> [--to <newStreamId>] [--apply]`:
 * `chronicle migrate streams` (lib/cli/commands/migrate-streams.ts).
 */
import { runCli } from '../lib/cli/main';

process.exitCode = await runCli(['migrate', 'streams', ...process.argv.slice(2)]);
