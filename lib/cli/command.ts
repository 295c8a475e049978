import type { ParseArgsConfig } from 'node:util';
import type { CliContext } from './context';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type ParsedArgs = { positionals: string[]; values: Record<string, string | boolean | string[] | undefined> };

/** One `chronicle` command: its help text, its options, and what it does. */
export type Command = {
  name: string;
  /** One line for the program's help. */
  summary: string;
  /** The command's full help, from its `Usage:` line on. */
  usage: string;
  options: OptionSpec;
  /** Resolves with the exit code (0 when omitted). */
  run(args: ParsedArgs, context: CliContext): Promise<number | void>;
};

/** The command line is wrong: the message and the command's usage go to stderr, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Options every command accepts. */
export const GLOBAL_OPTIONS: OptionSpec = {
  help: { type: 'boolean', short: 'h' },
  'database-url': { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
};

export const GLOBAL_OPTIONS_HELP = `Options for every command:
  --database-url URL   file:PATH (SQLite) or postgresql://…[?schema=NAME] (default: $DATABASE_URL, else
                       file:./data/chronicle.db); a relative file: path is taken from the project's root,
                       as under \`npm run\`, whatever folder you run chronicle in
  --json               machine-readable output
  --verbose            stack traces on errors (also with DEBUG set)
  -h, --help           this help`;

/** A whole number within bounds, or a UsageError naming the option. */
export const wholeNumberOption = (name: string, raw: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined => {
  if (raw === undefined) return undefined;
  const text = String(raw);
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? '' : ` to ${max}`}, got "${text}"`);
  }
  return value;
};
