import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { SnapshotStore } from '../core/snapshots';
import type { UpcastingEventStore } from '../core/upcasting-store';
import type { ReadDb } from '../read/read-db';
import { createRuntime, type Runtime } from '../runtime/runtime';
import { runtimeConfig } from '../runtime/runtime-config';
import { createSnapshotStore } from '../store/create-snapshot-store';
import { databaseConfig, type DatabaseConfig } from '../store/database-config';
import { PROJECT_ROOT } from './project-root';

export type CliIo = { stdout: (text: string) => void; stderr: (text: string) => void };

export type CliSettings = { databaseUrl?: string; json: boolean; verbose: boolean; env: Record<string, string | undefined>; io: CliIo };

/**
 * What a command runs with: the server's database configuration (DATABASE_URL or
 * --database-url), the same store code as the server, and its output. Connections
 * open on first use and are closed when the command ends.
 */
export class CliContext {
  readonly json: boolean;
  readonly verbose: boolean;
  private readonly closers: Array<() => Promise<unknown>> = [];
  private cachedConfig: DatabaseConfig | undefined;
  private built: Runtime | undefined;
  private snapshots: SnapshotStore | undefined;

  constructor(private readonly settings: CliSettings) {
    this.json = settings.json;
    this.verbose = settings.verbose;
  }

  get config(): DatabaseConfig {
    const env = this.settings.databaseUrl === undefined ? this.settings.env : { ...this.settings.env, DATABASE_URL: this.settings.databaseUrl };
    if (this.cachedConfig) return this.cachedConfig;
    const config = databaseConfig(env);
    // As for `npm run …` (which runs at the project root), a relative SQLite path is the project's, not the shell's.
    return (this.cachedConfig = config.provider === 'sqlite' ? { ...config, filename: resolve(PROJECT_ROOT, config.filename) } : config);
  }

  get env(): Record<string, string | undefined> {
    return this.settings.env;
  }

  /** Who the events name as their actor: `cli:<os user>`. */
  get actor(): string {
    let user = this.settings.env.USER;
    try {
      user = userInfo().username;
    } catch {
      // No passwd entry (some containers): fall back to $USER.
    }
    return `cli:${user || 'unknown'}`;
  }

  /** The same composition as the server's, on the command's database; connections open on first use. */
  get runtime(): Runtime {
    if (!this.built) {
      const runtime = createRuntime({ config: runtimeConfig(this.settings.env, { database: this.config }), env: this.settings.env, dataRoot: PROJECT_ROOT });
      this.closers.push(() => runtime.close());
      this.built = runtime;
    }
    return this.built;
  }

  eventStore(): UpcastingEventStore {
    return this.runtime.store;
  }

  /** The snapshot store, even where the policy takes none (SNAPSHOT_EVERY=0): the CLI manages them by hand. */
  snapshotStore(): SnapshotStore {
    const own = this.runtime.snapshots;
    if (own) return own;
    if (!this.snapshots) {
      const snapshots = createSnapshotStore(this.config);
      this.closers.push(() => snapshots.close());
      this.snapshots = snapshots;
    }
    return this.snapshots;
  }

  /** The read side's Prisma client, opened only by the commands that need it. */
  async readDb(): Promise<ReadDb> {
    return this.runtime.readDb;
  }

  /** Registers something to close when the command ends (last opened, first closed). */
  onClose(close: () => Promise<unknown>): void {
    this.closers.push(close);
  }

  out(text: string): void {
    this.settings.io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  }

  err(text: string): void {
    this.settings.io.stderr(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** Prints a value as one line of JSON (for --json). */
  outJson(value: unknown): void {
    this.out(JSON.stringify(value));
  }

  async close(): Promise<void> {
    for (const close of this.closers.reverse()) await close().catch(() => undefined);
    this.closers.length = 0;
  }
}
