import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../project-root';

export type CliRun = { code: number; stdout: string; stderr: string };

const BIN = join(PROJECT_ROOT, 'bin', 'chronicle.mjs');

/** Runs the real `chronicle` bin in a child process, as a user would (from `cwd`, default the system temp folder). */
export const runChronicle = (args: string[], options: { databaseUrl?: string; input?: string; cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> =>
  new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, DEBUG: '', FORCE_COLOR: '0' };
    if (options.databaseUrl !== undefined) env.DATABASE_URL = options.databaseUrl;
    const child = execFile(process.execPath, [BIN, ...args], { cwd: options.cwd ?? tmpdir(), env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(options.input ?? '');
  });
