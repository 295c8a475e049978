import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Where Debian puts the server binaries (initdb, pg_ctl): the newest version, or POSTGRES_BIN. */
const binDir = (): string | null => {
  if (process.env.POSTGRES_BIN) return process.env.POSTGRES_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
};

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** initdb and the server refuse to run as root: then they run as the `postgres` user, in a directory it owns. */
const runAsPostgres = userInfo().uid === 0;
const postgresUid = (): { uid: number; gid: number } => ({
  uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
  gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
});

/**
 * A PostgreSQL server of the caller's own (initdb into a temporary directory, its own port and
 * socket directory), so a test or a reliability check can stop it harshly and start it again
 * without touching the machine's shared server that other tests use.
 */
export class OwnPostgresServer {
  private constructor(
    private readonly bin: string,
    readonly port: number,
    private readonly dir: string,
  ) {}

  static available(): boolean {
    return binDir() !== null;
  }

  /** Creates and starts the server with a `chronicle` database (trust authentication, user postgres, fsync off: it is thrown away). */
  static async start(): Promise<OwnPostgresServer> {
    const bin = binDir();
    if (!bin) throw new Error('No PostgreSQL server binaries under /usr/lib/postgresql (set POSTGRES_BIN)');
    const dir = mkdtempSync(join(tmpdir(), 'chronicle-pg-'));
    if (runAsPostgres) {
      const { uid, gid } = postgresUid();
      chownSync(dir, uid, gid);
    }
    const server = new OwnPostgresServer(bin, await freePort(), dir);
    server.run('initdb', ['-D', server.dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
    await server.startServer();
    const client = new pg.Client({ connectionString: server.urlFor('postgres') });
    await client.connect();
    await client.query('CREATE DATABASE chronicle');
    await client.end();
    return server;
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  urlFor(database = 'chronicle'): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/${database}`;
  }

  get url(): string {
    return this.urlFor();
  }

  /** Starts the server and waits until it accepts connections. */
  async startServer(): Promise<void> {
    this.run('pg_ctl', [
      '-D', this.dataDir,
      '-l', join(this.dir, 'server.log'),
      '-o', `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
      '-w', 'start',
    ]);
    for (let i = 0; i < 200; i++) {
      if (spawnSync(join(this.bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(this.port), '-q']).status === 0) return;
      await sleep(50);
    }
    throw new Error(`PostgreSQL did not start on port ${this.port}`);
  }

  /**
   * Stops the server: `fast` ends every session with "terminating connection due to administrator
   * command" (what a restart by the operator does), `immediate` drops them like a crash.
   */
  stopServer(mode: 'fast' | 'immediate'): void {
    this.run('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', 'stop']);
  }

  /**
   * Begins a smart shutdown and returns at once: the server waits for the sessions already open
   * to end and meanwhile refuses new ones with 57P03 "the database system is shutting down", as
   * it refuses them with "the database system is starting up" while it recovers from a crash.
   */
  beginSmartShutdown(): void {
    this.run('pg_ctl', ['-D', this.dataDir, '-m', 'smart', '-W', 'stop']);
  }

  /** Down for `downMs`, then up again. */
  async restart(mode: 'fast' | 'immediate', downMs: number): Promise<void> {
    this.stopServer(mode);
    await sleep(downMs);
    await this.startServer();
  }

  destroy(): void {
    try {
      this.stopServer('immediate');
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private run(tool: string, args: string[]): void {
    const command = join(this.bin, tool);
    if (runAsPostgres) {
      execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', [command, ...args].map(shellQuote).join(' ')], { stdio: 'pipe' });
    } else {
      execFileSync(command, args, { stdio: 'pipe' });
    }
  }
}

/** Tests and checks that restart PostgreSQL need the server binaries: required in CI, skipped with a message elsewhere. */
export const ownPostgresServerAvailable = (what = 'PostgreSQL restart tests'): boolean => {
  if (OwnPostgresServer.available()) return true;
  if (process.env.CI) throw new Error(`${what} cannot run without the PostgreSQL server binaries (initdb, pg_ctl), required in CI: apt-get install postgresql`);
  console.warn(`\n⚠ SKIPPING ${what}: no PostgreSQL server binaries under /usr/lib/postgresql (set POSTGRES_BIN)\n`);
  return false;
};

const shellQuote = (value: string): string => `'${value.replaceAll("'", `'\\''`)}'`;
