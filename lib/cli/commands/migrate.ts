import { UsageError, type Command } from '../command';
import { PROJECT_ROOT } from '../project-root';
import { noExtraArgs } from '../stream-args';
import { MIGRATE_STREAMS_USAGE, migrateStreams } from './migrate-streams';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'apply database migrations; `migrate streams` rewrites a stream to current schema versions',
  usage: `Usage: chronicle migrate
${MIGRATE_STREAMS_USAGE}

\`migrate\` applies the migrations in prisma/<provider>/migrations that the database lacks (what
\`prisma migrate deploy\` does, through Prisma's WebAssembly schema engine) and lists them.

Options:
  --to NEW_STREAM   migrate streams: the copy's stream id
  --apply           migrate streams: write the copy (default: dry run)
  --batch-size N    migrate streams: events per append, 1–10000 (default 500)
  --json            print the result as JSON`,
  options: { to: { type: 'string' }, apply: { type: 'boolean' }, 'batch-size': { type: 'string' } },
  async run(args, context) {
    if (args.positionals[0] === 'streams') return migrateStreams({ ...args, positionals: args.positionals.slice(1) }, context);
    noExtraArgs(args.positionals, 0);
    for (const option of ['to', 'apply', 'batch-size']) {
      if (args.values[option] !== undefined) throw new UsageError(`--${option} goes with \`migrate streams\``);
    }
    const { applyMigrations, describeTarget } = await import('../../store/migrations');
    const config = context.config;
    if (!context.json) context.out(`Applying migrations from prisma/${config.provider}/migrations to ${describeTarget(config)}`);
    const started = performance.now();
    const applied = await applyMigrations(config, { projectRoot: PROJECT_ROOT, ...(context.verbose ? { log: (message: string) => context.err(`  ${message}`) } : {}) });
    const took = Math.round(performance.now() - started);
    if (context.json) return context.outJson({ applied, ms: took });
    if (applied.length === 0) context.out(`Already up to date (${took} ms).`);
    else context.out(`Applied ${applied.length} migration(s) in ${took} ms:\n${applied.map((name) => `  ${name}`).join('\n')}`);
  },
};
