import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../../cli/testing/run-in-process';
import { ErasureConflict } from '../../core/personal-data/errors';
import { ERASED } from '../../core/personal-data/sealed-field';
import { eraseCustomer } from '../../runtime/customer-erasure';
import { createRuntime, type Runtime } from '../../runtime/runtime';
import { runtimeConfig } from '../../runtime/runtime-config';
import { testBackends, type TestBackend } from '../../store/testing/backends';
import { generateSigningKey } from '../checkpoints/signing-key';
import { packText } from '../pack/build-pack';
import { exportEvidencePack } from '../pack/export-pack';
import { nodeCrypto } from '../pack/node-crypto';
import { verifyPackText } from '../pack/verify-pack';

/*
 * Given customers with sealed personal data on a real database, when a teller erases one, then
 * their names and descriptions read [erased] everywhere (events, read models, a rebuilt projection,
 * the debugger, a second process), while `chronicle verify` and an evidence pack still verify, a
 * repeat is a conflict, and the key is never made again. A customer with plain-text legacy events
 * is refused, naming them.
 */

const SLOW = 240_000;
const masterKey = randomBytes(32).toString('base64');
const signer = { available: true as const, current: generateSigningKey().key, previous: null, source: 'configured' as const };

describe.each(await testBackends())('erasing a customer on $name', ({ create }) => {
  let backend: TestBackend;
  let runtime: Runtime;
  let folder: string;
  const env = () => ({ DATABASE_URL: backend.url, CHRONICLE_DATA_KEY: masterKey });
  const newRuntime = () => createRuntime({ config: runtimeConfig(env()), env: env(), log: () => undefined });
  const send = (aggregate: string, command: string, id: string | undefined, input: Record<string, unknown>) =>
    runtime.commands.send(aggregate, command, id, input, { actor: 'teller:ann' });
  const summary = (accountId: string) => runtime.readDb.accountSummary.findMany({ where: { accountId } });
  const transactions = (accountId: string) => runtime.readDb.accountTransaction.findMany({ where: { accountId }, orderBy: { version: 'asc' } });

  beforeAll(async () => {
    backend = await create();
    folder = mkdtempSync(join(tmpdir(), 'chronicle-erasure-'));
    runtime = newRuntime();
    await send('account', 'open', 'erin1', { owner: 'Erin Example', customerId: 'erin', currency: 'EUR' });
    await send('account', 'deposit', 'erin1', { amount: 120_00, description: 'Savings from Aunt Maud' });
    await send('account', 'withdraw', 'erin1', { amount: 20_00, description: 'Flowers for Maud' });
    await send('user', 'register', 'erin', { displayName: 'Erin Example', role: 'customer', customerId: 'erin' });
    await send('account', 'open', 'lee1', { owner: 'Lee Other', customerId: 'lee', currency: 'EUR' });
    await send('account', 'deposit', 'lee1', { amount: 5_00, description: 'Pocket money' });
    // A legacy account (CORE1, schema v1): its holder's name was stored in plain text, long before sealing.
    await runtime.store.stored.appendToStream('account-legacy-7', [
      { type: 'AccountOpened', schemaVersion: 1, data: { accountId: 'legacy-7', name: 'Margaret Keller', openedAt: '2026-05-03T09:00:00.000Z' } },
    ]);
    await runtime.projections.catchUp();
  }, SLOW);
  afterAll(async () => {
    await runtime?.close();
    await backend?.cleanup();
    rmSync(folder, { recursive: true, force: true });
  });

  it('stores the personal fields sealed (no plain text in the log) and reads them in the clear before erasure', async () => {
    const stored = JSON.stringify(await runtime.store.stored.readAll({ limit: 1_000 }));
    expect(stored).not.toMatch(/Erin Example|Aunt Maud|Flowers for Maud|Pocket money/);
    expect(stored).toContain('"$enc":"v1"');
    expect((await runtime.store.readStream('account-erin1')).map((event) => event.data)).toMatchObject([
      { holder: { name: 'Erin Example' } },
      { description: 'Savings from Aunt Maud' },
      { description: 'Flowers for Maud' },
    ]);
    expect(await summary('erin1')).toMatchObject([{ owner: 'Erin Example' }]);
  });

  it('refuses a customer with plain-text legacy events, naming them, and erases nothing', async () => {
    const refused = eraseCustomer(runtime, { customerId: 'margaret-keller', reason: 'Asked to be forgotten', actor: 'teller:ann' });
    await expect(refused).rejects.toBeInstanceOf(ErasureConflict);
    await expect(refused).rejects.toMatchObject({ code: 'plaintext_personal_data', message: expect.stringContaining('account-legacy-7 v1 (AccountOpened holder.name)') });
    expect(await runtime.store.streamExists('erasure-margaret-keller')).toBe(false);
    expect(await runtime.personalData.status('margaret-keller')).toBeNull();
    await expect(eraseCustomer(runtime, { customerId: 'nobody-at-all', reason: 'Asked to be forgotten', actor: 'teller:ann' })).rejects.toMatchObject({ code: 'customer_not_found' });
  });

  it('erases: [erased] in events, read models, the debugger and another process; the chain and an evidence pack still verify', async () => {
    const keyBefore = await runtime.personalData.status('erin');
    const erased = await eraseCustomer(runtime, { customerId: 'erin', reason: 'Customer asked to be forgotten (ticket 42)', actor: 'teller:ann' });
    expect(erased).toMatchObject({ customerId: 'erin', keyId: keyBefore!.keyId, erasedBy: 'teller:ann', streams: ['account-erin1', 'user-erin'] });
    const [record] = await runtime.store.readStream('erasure-erin');
    expect(record).toMatchObject({ type: 'CustomerDataErased', data: { customerId: 'erin', reason: 'Customer asked to be forgotten (ticket 42)' }, metadata: { actor: 'teller:ann' } });

    expect((await runtime.store.readStream('account-erin1')).map((event) => event.data)).toMatchObject([
      { holder: { name: ERASED }, customerId: 'erin', currency: 'EUR' },
      { description: ERASED, amount: 120_00 },
      { description: ERASED, amount: 20_00 },
    ]);
    expect((await runtime.store.readStream('user-erin'))[0]!.data).toMatchObject({ displayName: ERASED });
    expect((await runtime.store.readStream('account-lee1'))[1]!.data).toMatchObject({ description: 'Pocket money' });
    // Read models: scrubbed at once, balances untouched.
    expect(await summary('erin1')).toMatchObject([{ owner: ERASED, balance: 100_00n }]);
    expect((await transactions('erin1')).map((row) => row.description)).toEqual([ERASED, ERASED]);
    expect(await summary('lee1')).toMatchObject([{ owner: 'Lee Other' }]);
    // The debugger folds the placeholder like any name.
    const view = await runtime.debuggerFor('account-erin1').stateView('account-erin1', { version: 2 });
    expect(view).toMatchObject({ state: { holder: { name: ERASED }, balance: 120_00 }, event: { data: { description: ERASED } } });
    // A process that never cached the key (a projector, the CLI) reads the same.
    const other = newRuntime();
    try {
      expect((await other.store.readAll({ limit: 1_000 })).filter((event) => event.streamId === 'account-erin1').map((event) => event.data)).toMatchObject([
        { holder: { name: ERASED } },
        { description: ERASED },
        { description: ERASED },
      ]);
    } finally {
      await other.close();
    }

    const verify = await runInProcess(['verify'], env());
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    const pack = packText(await exportEvidencePack(runtime.store, signer, { scope: { streams: ['account-erin1', 'erasure-erin'], from: null, to: null }, actor: 'auditor:amir' }));
    expect(pack).not.toMatch(/Erin Example|Aunt Maud/);
    expect(await verifyPackText(pack, nodeCrypto)).toMatchObject({ ok: true });
    const file = join(folder, 'erin.json');
    writeFileSync(file, pack);
    const checked = await runInProcess(['verify-pack', file], env());
    expect(checked.code, checked.stdout + checked.stderr).toBe(0);
  }, SLOW);

  it('a rebuilt projection has [erased]; a repeat is a conflict; a later event stores [erased] and no key is made again', async () => {
    const before = await runtime.readDb.projection.findUnique({ where: { name: 'account-summary' } });
    const rebuilt = await runInProcess(['projections', 'rebuild', 'account-summary', 'account-transactions'], env());
    expect(rebuilt.code, rebuilt.stdout + rebuilt.stderr).toBe(0);
    const after = await runtime.readDb.projection.findUnique({ where: { name: 'account-summary' } });
    expect(after!.activeGeneration).toBeGreaterThan(before!.activeGeneration);
    expect(await runtime.readDb.accountSummary.findMany({ where: { accountId: 'erin1', generation: after!.activeGeneration } })).toMatchObject([{ owner: ERASED, balance: 100_00n }]);
    const live = await runtime.readDb.projection.findUnique({ where: { name: 'account-transactions' } });
    const rows = await runtime.readDb.accountTransaction.findMany({ where: { accountId: 'erin1', generation: live!.activeGeneration } });
    expect(rows.map((row) => row.description)).toEqual([ERASED, ERASED]);

    await expect(eraseCustomer(runtime, { customerId: 'erin', reason: 'Again', actor: 'teller:ann' })).rejects.toMatchObject({
      code: 'customer_already_erased',
      message: expect.stringMatching(/erased at .* by teller:ann/),
    });
    expect(await runtime.store.stored.readStream('erasure-erin')).toHaveLength(1);

    const keyRow = await runtime.personalData.status('erin');
    await send('account', 'withdraw', 'erin1', { amount: 100_00, description: 'Closing balance to Erin' });
    await send('account', 'close', 'erin1', { reason: 'Erin moved away' });
    const late = await runtime.store.stored.readStream('account-erin1', { fromVersion: 4 });
    expect(late.map((event) => (event.data as { description?: unknown; reason?: unknown }).description ?? (event.data as { reason?: unknown }).reason)).toEqual([ERASED, ERASED]);
    expect(await runtime.personalData.status('erin')).toEqual(keyRow);
    expect(keyRow).toMatchObject({ erasedAt: expect.any(Date) });
    const cli = await runInProcess(['customers', 'erase', 'erin', '--reason', 'Once more'], env());
    expect(cli.code).toBe(6);
    expect(cli.stderr).toContain('customer_already_erased');
  }, SLOW);

  it('chronicle customers erase erases from the command line, naming the operator', async () => {
    const erased = await runInProcess(['customers', 'erase', 'lee', '--reason', 'Closed and asked to be forgotten', '--json'], env());
    expect(erased.code, erased.stderr).toBe(0);
    expect(JSON.parse(erased.stdout)).toMatchObject({ customerId: 'lee', streams: ['account-lee1'], erasedBy: expect.stringMatching(/^cli:/) });
    // Another process (the CLI) destroyed the key: a process that had it in memory stops opening it within KEY_CACHE_TTL_MS; a fresh one at once.
    const fresh = newRuntime();
    try {
      expect((await fresh.store.readStream('account-lee1')).map((event) => event.data)).toMatchObject([{ holder: { name: ERASED } }, { description: ERASED }]);
    } finally {
      await fresh.close();
    }
    expect((await runInProcess(['customers', 'erase', 'lee'], env())).code).toBe(2);
  }, SLOW);
});
