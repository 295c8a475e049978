/*
 * The small benches' command line: `--name value` options and bare `--name` flags, each script
 * naming its own and their defaults where it reads them. A value that is missing or not a number
 * stops the run with its name, rather than measuring with NaN or "undefined" (a bench that runs
 * 0 events, or opens a database called "undefined", prints figures that mean nothing).
 */

const valueOf = (name: string, argv: readonly string[]): string | undefined => {
  const index = argv.indexOf(`--${name}`);
  if (index === -1) return undefined;
  const value = argv[index + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
  return value;
};

/** `--name value`, or undefined when it is not given. */
export const option = (name: string, argv: readonly string[] = process.argv): string | undefined => valueOf(name, argv);

/** `--name value`, or the fallback when it is not given. */
export const textOption = (name: string, fallback: string, argv: readonly string[] = process.argv): string => valueOf(name, argv) ?? fallback;

/** `--name 123`, or the fallback when it is not given. */
export const numberOption = (name: string, fallback: number, argv: readonly string[] = process.argv): number => {
  const text = valueOf(name, argv);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new Error(`--${name} takes a number, not ${JSON.stringify(text)}`);
  return value;
};

/** A bare `--name`. */
export const flag = (name: string, argv: readonly string[] = process.argv): boolean => argv.includes(`--${name}`);
