import { afterEach, describe, expect, it } from 'vitest';
import { testBackends, type TestBackend } from '../../store/testing/backends';
import { attackerOf, type Attacker } from '../testing/attacker';
import { readCheckpointLog, takeCheckpoint, verifyCheckpoint } from './checkpoints';
import { generateSigningKey } from './signing-key';
import type { SigningKeys } from './signing-key-config';

/* Given a store with a signed checkpoint, when someone edits the database beneath it, then the checkpoint no longer verifies. */

const deposit = (amount: number) => ({ type: 'MoneyDeposited', data: { amount, currency: 'EUR' } });
const keys = (): SigningKeys => ({ available: true, current: generateSigningKey().key, previous: null, source: 'configured' });
const auditor = { actor: 'auditor:amir', trigger: 'on_demand' } as const;

for (const { name, create } of await testBackends()) {
  describe(`signed checkpoints on ${name}`, () => {
    let backend: TestBackend;
    let attacker: Attacker | undefined;
    afterEach(async () => {
      await attacker?.close();
      attacker = undefined;
      await backend.cleanup();
    });

    const given = async () => {
      backend = await create();
      const store = backend.open();
      for (let index = 1; index <= 6; index += 1) await store.appendToStream(`account-${index % 2 ? 'A' : 'B'}`, [deposit(index * 100)]);
      return store;
    };

    it('records the key and the checkpoint in one append, and two processes taking one at once both succeed in turn', async () => {
      const store = await given();
      const shared = keys();
      const [first, second] = await Promise.all([takeCheckpoint(store, shared, auditor), takeCheckpoint(backend.open(), shared, auditor)]);
      const log = await readCheckpointLog(backend.open());
      expect(log.keys).toHaveLength(1);
      expect(log.checkpoints.map((checkpoint) => checkpoint.streamVersion).sort()).toEqual([first.streamVersion, second.streamVersion].sort());
      await expect(verifyCheckpoint(backend.open(), first.streamVersion)).resolves.toMatchObject({ ok: true });
      await expect(verifyCheckpoint(backend.open(), second.streamVersion)).resolves.toMatchObject({ ok: true });
    });

    it('a checkpoint taken before a tamper fails after it, and no new checkpoint is signed over the altered history', async () => {
      const store = await given();
      const signer = keys();
      const before = await takeCheckpoint(store, signer, auditor);
      attacker = attackerOf(backend);
      await attacker.setData(3, { amount: 1_000_000, currency: 'EUR' });
      const report = await verifyCheckpoint(backend.open(), before.streamVersion);
      expect(report).toMatchObject({ ok: false, signatureOk: true, rootMatches: false });
      await expect(takeCheckpoint(backend.open(), signer, auditor)).rejects.toThrow(/no longer give the root checkpoint \d+ signed/);
    });

    it('an altered checkpoint event fails its signature', async () => {
      const store = await given();
      const checkpoint = await takeCheckpoint(store, keys(), auditor);
      attacker = attackerOf(backend);
      const { streamVersion: _v, globalPosition: _p, ...data } = checkpoint;
      await attacker.setData(checkpoint.globalPosition, { ...data, position: checkpoint.position - 1 });
      const report = await verifyCheckpoint(backend.open(), checkpoint.streamVersion);
      expect(report).toMatchObject({ ok: false, signatureOk: false });
      expect(report.message).toMatch(/altered after/);
    });
  });
}
