import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/* Real processes for the reliability checks: the built web server and the projector, killable with SIGKILL. */

export const ROOT = join(import.meta.dirname, '..', '..');

export type Managed = {
  name: string;
  child: ChildProcess;
  /** kill -9: no shutdown hook runs, exactly as when a machine loses power or the OOM killer strikes. */
  kill9: () => Promise<void>;
  stop: () => Promise<void>;
  output: () => string;
};

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

/** Every process the harness started and has not seen exit: if the harness itself dies, they go with it. */
const alive = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of alive) child.kill('SIGKILL');
});
// Interrupted or timed out: exit through the handler above rather than leave servers holding ports.
let interrupted = (signal: NodeJS.Signals): unknown => process.exit(signal === 'SIGINT' ? 130 : 143);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void interrupted(signal));
/** What Ctrl-C does instead of exiting at once (`npm run demo:cluster` stops its processes in order first). */
export const onInterrupt = (handler: (signal: NodeJS.Signals) => unknown): void => {
  interrupted = handler;
};

const manage = (name: string, child: ChildProcess): Managed => {
  alive.add(child);
  child.once('exit', () => alive.delete(child));
  let log = '';
  const keep = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return {
    name,
    child,
    kill9: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited(child);
      clearTimeout(timer);
    },
    output: () => log,
  };
};

export const requireBuild = (): void => {
  if (!existsSync(join(ROOT, '.next', 'BUILD_ID'))) throw new Error('No production build: run `npm run build` first');
};

export const waitForHttp = async (url: string, timeoutMs = 60_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

/**
 * One master key for customers' personal data per harness run (unless one is given), in this process's
 * environment so that every server and worker it starts, and its own checks, open the same sealed fields.
 * The servers run in production mode, where a missing key refuses every read of personal data.
 */
process.env.CHRONICLE_DATA_KEY ??= randomBytes(32).toString('base64');

/** One session secret per harness run: servers restarted after a kill -9 still accept the sessions it sealed. */
const SESSION_SECRET = `reliability-${randomBytes(24).toString('hex')}`;

export type ServerOptions = { port: number; databaseUrl: string; env?: Record<string, string> };

/** Refuses a taken port up front: a server left over from an earlier run would otherwise answer in our server's place. */
const assertPortFree = (port: number): Promise<void> =>
  new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', () => reject(new Error(`Port ${port} is taken (a server left from an earlier run?); pass --port`)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });

export const startServer = async ({ port, databaseUrl, env = {} }: ServerOptions): Promise<Managed> => {
  requireBuild();
  await assertPortFree(port);
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'serve.mjs'), '-H', '127.0.0.1', '-p', String(port)], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', CHRONICLE_SESSION_SECRET: SESSION_SECRET, DATABASE_URL: databaseUrl, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = manage(`server:${port}`, child);
  try {
    await waitForHttp(`http://127.0.0.1:${port}/api/openapi.json`);
  } catch (error) {
    await server.kill9();
    throw new Error(`${(error as Error).message}\n${server.output()}`);
  }
  return server;
};

export const startScript = (script: string, args: string[], databaseUrl: string, env: Record<string, string> = {}): Managed =>
  manage(
    script,
    // Node itself with tsx as a loader, not tsx's CLI: that would run the script in a child process of its own,
    // and a kill -9 of the CLI would leave the real worker running.
    spawn(process.execPath, ['--import', 'tsx', join(ROOT, script), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
