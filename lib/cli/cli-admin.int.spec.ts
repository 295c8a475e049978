import { readdirSync, rmSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatchAccountCommand } from '../commands/account-commands';
import { SqliteEventStore } from '../store/sqlite/sqlite-event-store';
import { createSqliteTestDatabase } from '../store/testing/test-databases';
import { runChronicle } from './testing/run-chronicle';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

describe('chronicle migrate and projections (SQLite)', () => {
  it('migrates an empty database once, then reports it up to date', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'chronicle-cli-'));
    folders.push(folder);
    const url = `file:${join(folder, 'new.db')}`;
    const first = await runChronicle(['migrate'], { databaseUrl: url });
    expect(first.code, first.stderr).toBe(0);
    const migrations = readdirSync(join('prisma', 'sqlite', 'migrations'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).length;
    expect(first.stdout).toMatch(new RegExp(`Applied ${migrations} migration\\(s\\) in \\d+ ms:\\n {2}20261123000000_init\\n`));
    const second = await runChronicle(['migrate', '--json'], { databaseUrl: url });
    expect(JSON.parse(second.stdout)).toMatchObject({ applied: [] });
  }, 240_000);

  it('rebuilds the read models and reports them live at the head', async () => {
    const filename = createSqliteTestDatabase();
    folders.push(dirname(filename));
    const store = new SqliteEventStore({ filename });
    await dispatchAccountCommand(store, 'open', 'p1', { owner: 'Pat', currency: 'EUR' }, { actor: 'test' });
    await dispatchAccountCommand(store, 'deposit', 'p1', { amount: 500 }, { actor: 'test' });
    await store.close();
    const url = `file:${filename}`;
    const rebuilt = await runChronicle(['projections', 'rebuild'], { databaseUrl: url });
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).toMatch(/^account-summary: generation \d+ is live/m);
    const status = await runChronicle(['projections', 'status', '--json'], { databaseUrl: url });
    expect(status.code, status.stderr).toBe(0);
    const statuses = JSON.parse(status.stdout) as Array<{ name: string; status: string; checkpoint: number; head: number }>;
    expect(statuses.map((s) => [s.name, s.status, s.checkpoint, s.head])).toEqual([
      ['account-summary', 'live', 2, 2],
      ['account-transactions', 'live', 2, 2],
      ['bank-totals', 'live', 2, 2],
    ]);
    expect(await runChronicle(['projections', 'rebuild', 'nope'], { databaseUrl: url })).toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown projection nope') });
  }, 240_000);
});
