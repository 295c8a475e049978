import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import bcrypt from 'bcryptjs';
import { afterAll, describe, expect, it } from 'vitest';
import { createRuntime } from '../runtime/runtime';
import { createSqliteTestDatabase } from '../store/testing/test-databases';
import { runChronicle } from './testing/run-chronicle';

const filename = createSqliteTestDatabase();
const url = `file:${filename}`;
afterAll(() => rmSync(dirname(filename), { recursive: true, force: true }));

const userState = async (username: string) => {
  const runtime = createRuntime({ env: { DATABASE_URL: url } });
  try {
    return await runtime.users.find(username);
  } finally {
    await runtime.close();
  }
};

describe('chronicle users', () => {
  it('creates the first teller with a password read from standard input: only its bcrypt hash is recorded', async () => {
    const created = await runChronicle(['users', 'create', 'Ann', '--role', 'teller', '--name', 'Ann Hughes', '--password-stdin'], {
      databaseUrl: url,
      input: 'a long enough secret\n',
    });
    expect(created.code, created.stderr).toBe(0);
    const ann = await userState('ann');
    expect(ann).toMatchObject({ status: 'active', role: 'teller', displayName: 'Ann Hughes', customerId: null });
    expect(bcrypt.compareSync('a long enough secret', ann!.passwordHash!)).toBe(true);
    const listed = await runChronicle(['users', 'list', '--json'], { databaseUrl: url });
    expect(JSON.parse(listed.stdout)).toEqual([{ username: 'ann', displayName: 'Ann Hughes', role: 'teller', customerId: null, status: 'active' }]);
  }, 60_000);

  it('refuses a short password, an unknown role and a second user of the same name, writing nothing', async () => {
    const short = await runChronicle(['users', 'create', 'bob', '--role', 'customer', '--name', 'Bob', '--password-stdin'], { databaseUrl: url, input: 'short\n' });
    expect(short.code).toBe(3);
    expect(short.stderr).toMatch(/at least 12 characters/);
    const role = await runChronicle(['users', 'create', 'bob', '--role', 'admin', '--name', 'Bob', '--password-stdin'], { databaseUrl: url, input: 'long enough password\n' });
    expect(role.code).toBe(2);
    const again = await runChronicle(['users', 'create', 'ann', '--role', 'teller', '--name', 'Ann', '--password-stdin'], { databaseUrl: url, input: 'long enough password\n' });
    expect(again.code).toBe(4);
    expect(await userState('bob')).toBeNull();
  }, 60_000);

  it('disables, grants and resets: each ends the user’s sessions', async () => {
    await runChronicle(['users', 'create', 'cara', '--role', 'customer', '--name', 'Cara Diaz', '--password-stdin'], { databaseUrl: url, input: 'cara password 1\n' });
    expect(await userState('cara')).toMatchObject({ role: 'customer', customerId: 'cara', sessionVersion: 0 });
    expect((await runChronicle(['users', 'set-password', 'cara', '--password-stdin'], { databaseUrl: url, input: 'cara password 2\n' })).code).toBe(0);
    expect((await runChronicle(['users', 'grant', 'cara', '--role', 'auditor'], { databaseUrl: url })).code).toBe(0);
    expect((await runChronicle(['users', 'disable', 'cara', '--reason', 'left the bank'], { databaseUrl: url })).code).toBe(0);
    expect(await userState('cara')).toMatchObject({ status: 'disabled', role: 'auditor', customerId: null, sessionVersion: 3 });
    expect((await runChronicle(['users', 'enable', 'cara'], { databaseUrl: url })).code).toBe(0);
    expect(await userState('cara')).toMatchObject({ status: 'active' });
  }, 90_000);
});
