import { describe, expect, it } from 'vitest';
import { flag, numberOption, option, textOption } from './cli-options';

describe("the benches' command line", () => {
  const argv = ['node', 'bench.ts', '--events', '2500', '--database', 'file:./data/x.db', '--with-indexes', '--ratio', '0.5'];

  it('reads `--name value` options, and falls back to the default when one is not given', () => {
    expect(numberOption('events', 10_000, argv)).toBe(2500);
    expect(numberOption('ratio', 1, argv)).toBe(0.5);
    expect(numberOption('samples', 30, argv)).toBe(30);
    expect(textOption('database', 'file:fallback.db', argv)).toBe('file:./data/x.db');
    expect(textOption('stream', 'account-bench', argv)).toBe('account-bench');
    expect(option('database', argv)).toBe('file:./data/x.db');
    expect(option('url', argv)).toBeUndefined();
  });

  it('tells a bare flag from its absence', () => {
    expect(flag('with-indexes', argv)).toBe(true);
    expect(flag('quick', argv)).toBe(false);
  });

  it('refuses an option without its value, or a number that is not one, by name', () => {
    expect(() => numberOption('samples', 30, ['node', 'bench.ts', '--samples'])).toThrow('--samples needs a value');
    expect(() => textOption('database', 'x', ['node', 'bench.ts', '--database', '--events', '5'])).toThrow('--database needs a value');
    expect(() => numberOption('events', 10, ['node', 'bench.ts', '--events', '10k'])).toThrow('--events takes a number, not "10k"');
    expect(() => numberOption('events', 10, ['node', 'bench.ts', '--events', ' '])).toThrow('--events takes a number');
  });
});
