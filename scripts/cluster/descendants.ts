import { execFileSync } from 'node:child_process';

/*
 * Every process below this one, found by asking `ps` for each process's parent: what the demo
 * kills on its way out, so that nothing it started (NATS nodes, web servers, workers, a build in
 * progress, and whatever those started) outlives it.
 */

export type ProcessRow = { pid: number; ppid: number };

/** `ps -A -o pid= -o ppid=` output as rows; lines that are not two numbers are skipped. */
export const parseProcessTable = (text: string): ProcessRow[] =>
  text.split('\n').flatMap((line) => {
    const match = /^\s*(\d+)\s+(\d+)\s*$/.exec(line);
    return match ? [{ pid: Number(match[1]), ppid: Number(match[2]) }] : [];
  });

/** The children of `root`, their children and so on, parents before their children; `root` itself is not among them. */
export const descendantsOf = (root: number, rows: readonly ProcessRow[]): number[] => {
  const children = new Map<number, number[]>();
  for (const { pid, ppid } of rows) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const found: number[] = [];
  const seen = new Set([root]);
  for (let queue = [root]; queue.length > 0; ) {
    const next: number[] = [];
    for (const parent of queue) {
      for (const child of children.get(parent) ?? []) {
        if (seen.has(child)) continue;
        seen.add(child);
        found.push(child);
        next.push(child);
      }
    }
    queue = next;
  }
  return found;
};

/**
 * SIGKILLs every process below this one and answers how many were still there. Synchronous, so it
 * can run in an 'exit' listener. The `ps` it runs lists itself, but has exited before the kills.
 * Null: `ps` could not be run, and nothing was killed here.
 */
export const killDescendants = (): number | null => {
  let table: string;
  try {
    table = execFileSync('ps', ['-A', '-o', 'pid=', '-o', 'ppid='], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
  let killed = 0;
  for (const pid of descendantsOf(process.pid, parseProcessTable(table))) {
    try {
      process.kill(pid, 'SIGKILL');
      killed++;
    } catch {
      // Gone already (the ps above, a child that exited meanwhile).
    }
  }
  return killed;
};
