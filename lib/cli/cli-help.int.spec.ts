import { describe, expect, it } from 'vitest';
import { COMMANDS } from './commands';
import { runChronicle } from './testing/run-chronicle';
import { runInProcess } from './testing/run-in-process';

describe('chronicle: help and command-line errors', () => {
  it('runs through the bin from any folder: help, an unknown command, an unknown option', async () => {
    const [program, unknownCommand, unknownOption] = await Promise.all([
      runChronicle(['--help']),
      runChronicle(['frobnicate']),
      runChronicle(['list', '--bogus']),
    ]);
    expect(program.code).toBe(0);
    for (const command of COMMANDS) expect(program.stdout).toContain(`  ${command.name} `);
    expect(program.stdout).toContain('Exit codes:');
    expect(program.stdout).toMatch(/4 {2}refused by a business rule/);
    expect(unknownCommand).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('unknown command "frobnicate"') });
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain("Unknown option '--bogus'");
    expect(unknownOption.stderr).toContain('Usage: chronicle list');
  });

  it('has help for every command, and says what is wrong with a command line (exit 2)', async () => {
    expect(await runInProcess(['help', 'replay'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: chronicle replay') });
    for (const command of COMMANDS) {
      for (const flag of ['--help', '-h']) {
        const run = await runInProcess([command.name, flag]);
        expect(run.code).toBe(0);
        expect(run.stdout).toContain(`Usage: chronicle ${command.name}`);
        expect(run.stdout).toContain('--database-url URL');
      }
    }
    expect(await runInProcess(['replay'])).toMatchObject({ code: 2, stderr: expect.stringContaining('STREAM is required') });
    expect(await runInProcess(['list', '--limit', 'ten'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--limit must be a whole number') });
    expect(await runInProcess(['export', 'no_dash'])).toMatchObject({ code: 2, stderr: expect.stringContaining('Invalid stream id "no_dash"') });
    expect(await runInProcess(['list', '--stream', 'a-b', '--category', 'a'])).toMatchObject({ code: 2, stderr: expect.stringContaining('not both') });
    expect(await runInProcess(['projections', 'sideways'])).toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown action "sideways"') });
    expect(await runInProcess(['migrate', '--apply'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--apply goes with `migrate streams`') });

    const badUrl = await runInProcess(['list', '--database-url', 'mysql://x']);
    expect(badUrl.code).toBe(1);
    expect(badUrl.stderr).toContain('DATABASE_URL must start with file:');
    expect(badUrl.stderr).not.toMatch(/\n\s+at /);
    expect((await runInProcess(['list', '--database-url', 'mysql://x', '--verbose'])).stderr).toMatch(/\n\s+at /);
  });
});
