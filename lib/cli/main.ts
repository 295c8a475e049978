import { parseArgs } from 'node:util';
import { GLOBAL_OPTIONS, GLOBAL_OPTIONS_HELP, UsageError, type Command } from './command';
import { COMMANDS } from './commands';
import { CliContext, type CliIo } from './context';
import { EXIT, EXIT_CODES_HELP, exitCodeOf } from './exit-codes';

const programHelp = (): string => {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return `chronicle: the Chronicle ledger from the command line

Usage: chronicle <command> [arguments] [options]

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Run \`chronicle <command> --help\` for a command's arguments and options.

${GLOBAL_OPTIONS_HELP}

It uses the server's configuration (DATABASE_URL, SQLITE_SYNCHRONOUS, SNAPSHOT_EVERY) and the
server's store code, so it is safe to run while the server runs: appends take the same optimistic
concurrency checks, and on SQLite (WAL) readers never block the server's writers.

${EXIT_CODES_HELP}
`;
};

const commandHelp = (command: Command): string => `${command.usage.trimEnd()}\n\n${GLOBAL_OPTIONS_HELP}\n`;

const defaultIo: CliIo = { stdout: (text) => void process.stdout.write(text), stderr: (text) => void process.stderr.write(text) };

/** Runs one command line (without `node` and the script) and resolves with the exit code. */
export const runCli = async (argv: string[], io: CliIo = defaultIo, env: Record<string, string | undefined> = process.env): Promise<number> => {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((command) => command.name === rest[0]) : undefined;
    io.stdout(topic ? commandHelp(topic) : programHelp());
    return EXIT.ok;
  }
  if (name === '--version') {
    io.stdout('chronicle 0.1.0\n');
    return EXIT.ok;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr(`chronicle: unknown command "${name}"\n\n${programHelp()}`);
    return EXIT.usage;
  }

  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr(`chronicle ${command.name}: ${(error as Error).message}\n\n${commandHelp(command)}`);
    return EXIT.usage;
  }
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  if (values.help) {
    io.stdout(commandHelp(command));
    return EXIT.ok;
  }
  const verbose = values.verbose === true || Boolean(env.DEBUG);
  const context = new CliContext({
    databaseUrl: values['database-url'] as string | undefined,
    json: values.json === true,
    verbose,
    env,
    io,
  });
  try {
    return (await command.run({ positionals: parsed.positionals, values }, context)) ?? EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`chronicle ${command.name}: ${error.message}\n\n${commandHelp(command)}`);
      return EXIT.usage;
    }
    io.stderr(`chronicle ${command.name}: ${describeError(error, verbose)}\n`);
    return exitCodeOf(error);
  } finally {
    await context.close();
  }
};

const describeError = (error: unknown, verbose: boolean): string => {
  if (!(error instanceof Error)) return String(error);
  const issues = (error as { issues?: Array<{ path: string; message: string }> }).issues;
  const code = (error as { code?: unknown }).code;
  const lines = [typeof code === 'string' && code !== 'validation_failed' && /^[a-z_]+$/.test(code) ? `${error.message} (${code})` : error.message];
  for (const issue of Array.isArray(issues) ? issues : []) lines.push(`  ${issue.path || '(input)'}: ${issue.message}`);
  if (verbose && error.stack) lines.push(error.stack);
  return lines.join('\n');
};
