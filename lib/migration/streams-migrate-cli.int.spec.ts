import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../store/sqlite/sqlite-event-store';
import { createSqliteTestDatabase } from '../store/testing/test-databases';

const run = promisify(execFile);
let filename: string;

/** `npm run streams:migrate -- …` against the database in DATABASE_URL; resolves with its output and exit code. */
const migrate = async (...args: string[]) => {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/streams-migrate.ts', ...args], {
      env: { ...process.env, DATABASE_URL: `file:${filename}` },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

const events = async (streamId: string) => {
  const store = new SqliteEventStore({ filename });
  try {
    return await store.readStream(streamId);
  } finally {
    await store.close();
  }
};

beforeAll(async () => {
  filename = createSqliteTestDatabase();
  const store = new SqliteEventStore({ filename });
  await store.appendToStream('account-legacy-000417', [
    { type: 'AccountOpened', schemaVersion: 1, data: { accountId: 'legacy-000417', name: 'Margaret Keller', openedAt: '2026-05-03T09:00:00.000Z' } },
    { type: 'MoneyDeposited', schemaVersion: 1, data: { accountId: 'legacy-000417', amount: 12.5, depositedAt: '2026-05-04T09:00:00.000Z' } },
  ]);
  await store.close();
});
afterAll(() => rmSync(dirname(filename), { recursive: true, force: true }));

describe('npm run streams:migrate', () => {
  it('dry-runs by default, copies with --apply, and refuses what it must', async () => {
    const dry = await migrate('account-legacy-000417');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Dry run: would copy 2 events of account-legacy-000417 (versions 1–2) to account_migrated-legacy-000417');
    expect(dry.stdout).toMatch(/AccountOpened\s+v1 → v3\s+1/);
    expect(dry.stdout).toContain('~ amount: 12.5 → 1250');
    expect(await events('account_migrated-legacy-000417')).toEqual([]);

    const applied = await migrate('account-legacy-000417', '--to', 'archive-legacy-000417', '--apply');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Copied 2 events of account-legacy-000417 (versions 1–2) to archive-legacy-000417');
    expect(applied.stdout).toMatch(/account-legacy-000417@2 \(.+, v1\) → archive-legacy-000417@2 \(.+, v2\)/);
    expect((await events('archive-legacy-000417')).map((event) => event.schemaVersion)).toEqual([3, 2]);

    expect(await migrate('account-legacy-000417', '--to', 'archive-legacy-000417', '--apply')).toMatchObject({ code: 0, stdout: expect.stringContaining('nothing to copy') });
    expect(await migrate('archive-legacy-000417', '--to', 'account-legacy-000417')).toMatchObject({ code: 1, stderr: expect.stringContaining('is not a copy of') });
    expect(await migrate('account-missing')).toMatchObject({ code: 1, stderr: expect.stringContaining('does not exist') });
    expect(await migrate('no_dash')).toMatchObject({ code: 2, stderr: expect.stringContaining('Invalid stream id') });
    expect(await migrate()).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage') });
  });
});
