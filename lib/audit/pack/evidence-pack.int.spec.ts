import { afterEach, describe, expect, it } from 'vitest';
import { AggregateRegistry } from '../../core/aggregate-registry';
import { upcastingStore } from '../../core/upcasting-store';
import { accountAggregate } from '../../domain/account/aggregate';
import { testBackends, type TestBackend } from '../../store/testing/backends';
import { generateSigningKey } from '../checkpoints/signing-key';
import type { SigningKeys } from '../checkpoints/signing-key-config';
import { attackerOf, rewriteAndRechain, type Attacker } from '../testing/attacker';
import { packText } from './build-pack';
import { exportEvidencePack } from './export-pack';
import { nodeCrypto } from './node-crypto';
import { verifyPackText } from './verify-pack';

/* Given packs exported from a real database, when someone edits it beneath the application, then the old pack still verifies and a new one fails or is refused. */

const upcasters = new AggregateRegistry([accountAggregate]).upcasters;
const deposit = (amount: number) => ({ type: 'MoneyDeposited', data: { accountId: 'a', amount, currency: 'EUR', description: 'Deposit', depositedAt: '2026-01-02T09:00:00.000Z' } });
const keys = (): SigningKeys => ({ available: true, current: generateSigningKey().key, previous: null, source: 'configured' });
const scope = { streams: ['account-A'], from: null, to: null };

for (const { name, create } of await testBackends()) {
  describe(`evidence packs on ${name}`, () => {
    let backend: TestBackend;
    let attacker: Attacker | undefined;
    afterEach(async () => {
      await attacker?.close();
      attacker = undefined;
      await backend.cleanup();
    });

    const given = async () => {
      backend = await create();
      const store = upcastingStore(backend.open(), upcasters);
      for (let index = 1; index <= 6; index += 1) await store.appendToStream(`account-${index % 2 ? 'A' : 'B'}`, [deposit(index * 100)]);
      return { store, signer: keys() };
    };

    it('a pack from before a tamper verifies; one from after fails at the altered event', async () => {
      const { store, signer } = await given();
      const before = packText(await exportEvidencePack(store, signer, { scope, actor: 'auditor:amir' }));
      attacker = attackerOf(backend);
      await attacker.setData(3, { ...deposit(1_000_000).data });
      expect(await verifyPackText(before, nodeCrypto)).toMatchObject({ ok: true, eventsChecked: 3 });
      const after = await verifyPackText(packText(await exportEvidencePack(upcastingStore(backend.open(), upcasters), signer, { scope, actor: 'auditor:amir' })), nodeCrypto);
      expect(after).toMatchObject({ ok: false, fault: { field: 'events[1].stored', event: { position: 3, streamId: 'account-A', streamVersion: 2 } } });
    });

    it('a careful attacker who re-chains the stream and appends again gets no new checkpoint, so no pack', async () => {
      const { store, signer } = await given();
      await exportEvidencePack(store, signer, { scope, actor: 'auditor:amir' });
      attacker = attackerOf(backend);
      await rewriteAndRechain(attacker, await backend.open().readStream('account-A'), 2, { ...deposit(1_000_000).data });
      const fresh = upcastingStore(backend.open(), upcasters);
      await fresh.appendToStream('account-B', [deposit(1)]);
      await expect(exportEvidencePack(fresh, signer, { scope, actor: 'auditor:amir' })).rejects.toThrow(/no longer give the root checkpoint/);
    });
  });
}
