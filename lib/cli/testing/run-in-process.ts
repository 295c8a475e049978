import { runCli } from '../main';
import type { CliRun } from './run-chronicle';

/** The same command line run inside the test process (for checks that need no separate process). */
export const runInProcess = async (args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> => {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) }, { ...process.env, DEBUG: '', ...env });
  return { code, stdout, stderr };
};
