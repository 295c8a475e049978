import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { descendantsOf, parseProcessTable } from './descendants';

describe('the processes below one', () => {
  it('reads ps output, skipping what is not a pid and a parent', () => {
    expect(parseProcessTable('    1     0\n  812     1\nPID PPID\n\n 4301   812 \n')).toEqual([
      { pid: 1, ppid: 0 },
      { pid: 812, ppid: 1 },
      { pid: 4301, ppid: 812 },
    ]);
  });

  it('finds children, grandchildren and deeper, parents first, and nothing outside the tree', () => {
    const rows = parseProcessTable(['1 0', '100 1', '200 100', '201 100', '300 200', '301 300', '400 1', '401 400'].join('\n'));
    expect(descendantsOf(100, rows)).toEqual([200, 201, 300, 301]);
    expect(descendantsOf(300, rows)).toEqual([301]);
    expect(descendantsOf(301, rows)).toEqual([]);
    expect(descendantsOf(999, rows)).toEqual([]);
  });

  it('kills every process below the one that asks, grandchildren too, on its way out', () => {
    // A process that starts a shell which starts a sleep of its own, then exits: its 'exit' listener kills what is below it.
    const program = [
      "import { spawn } from 'node:child_process';",
      `import { killDescendants } from ${JSON.stringify(join(import.meta.dirname, 'descendants.ts'))};`,
      "const shell = spawn('sh', ['-c', 'sleep 60 & echo $!; wait'], { stdio: ['ignore', 'pipe', 'ignore'] });",
      "shell.stdout.once('data', (sleep) => {",
      "  process.on('exit', () => console.log(JSON.stringify({ shell: shell.pid, sleep: Number(sleep), killed: killDescendants() })));",
      '  process.exit(0);',
      '});',
    ].join('\n');
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', program], { encoding: 'utf8', timeout: 30_000 });
    const { shell, sleep, killed } = JSON.parse(output.trim().split('\n').at(-1)!) as { shell: number; sleep: number; killed: number };
    expect(killed).toBeGreaterThanOrEqual(2);
    for (const pid of [shell, sleep]) expect(alive(pid), `process ${pid} outlived its ancestor`).toBe(false);
  });
});

/** Signal 0 checks a process exists without touching it; a killed child not yet reaped is a zombie, as good as gone. */
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const state = /^\s*(\S)/.exec(execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }))?.[1];
  return state !== undefined && state !== 'Z';
};
