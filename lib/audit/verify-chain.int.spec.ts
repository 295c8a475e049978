import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../core/envelope';
import type { EventStore } from '../core/event-store';
import { chainHash } from '../core/hash-chain';
import { testBackends, type TestBackend } from '../store/testing/backends';
import { checkFingerprint, fingerprintAt, inclusionProofAt } from './fingerprints';
import { attackerOf, rewriteAndRechain, type Attacker } from './testing/attacker';
import { verifyChain, type VerificationReport } from './verify-chain';

/*
 * Given a store written by the application, when someone edits the database
 * beneath it, then verification names the first place the history no longer holds.
 */

const deposit = (amount: number) => ({ type: 'MoneyDeposited', data: { amount, currency: 'EUR' } });

/** A1 B1 A2 B2 A3 A4 B3 A5: positions 1–8, each append recorded as a command. */
const writeHistory = async (store: EventStore): Promise<Record<string, RecordedEvent[]>> => {
  const plan: Array<['A' | 'B', number]> = [['A', 1], ['B', 1], ['A', 2], ['B', 2], ['A', 3], ['A', 4], ['B', 3], ['A', 5]];
  for (const [stream, version] of plan) {
    await store.appendToStream(`account-${stream}`, [deposit(version * 100)], { expectedVersion: version - 1, commandId: `${stream}-${version}` });
  }
  return { A: await store.readStream('account-A'), B: await store.readStream('account-B') };
};

const expectBreak = (report: VerificationReport, expected: Partial<NonNullable<VerificationReport['firstBreak']>>) => {
  expect(report.ok, JSON.stringify(report.breaks, null, 1)).toBe(false);
  expect(report.firstBreak).toMatchObject(expected);
};

for (const { name, create } of await testBackends()) {
  describe(`verifying the hash chain on ${name}`, () => {
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
      const streams = await writeHistory(store);
      attacker = attackerOf(backend);
      return { store, streams, attacker, verify: (streamId?: string) => verifyChain(backend.open(), { streamId }) };
    };

    it('reports an untouched store as verified, with counts and a fingerprint', async () => {
      const { verify } = await given();
      const progress: number[] = [];
      const report = await verifyChain(backend.open(), { onProgress: (checked) => progress.push(checked) });
      expect(report).toMatchObject({ ok: true, scope: 'store', eventsChecked: 8, streamsChecked: 2, headPosition: 8, firstBreak: null, breaks: [] });
      expect(report.fingerprint).toMatchObject({ position: 8, eventCount: 8, root: (await fingerprintAt(backend.open())).root });
      expect(progress.at(-1)).toBe(8);
      expect(await verify('account-A')).toMatchObject({ ok: true, scope: 'stream', eventsChecked: 5, streamsChecked: 1 });
    });

    it('keeps a history with a refused append verified; a PostgreSQL sequence gap is only a warning', async () => {
      const { store, streams, verify } = await given();
      await expect(store.appendToStream('account-C', [{ ...deposit(1), eventId: streams.A![0]!.eventId }])).rejects.toThrow();
      await store.appendToStream('account-C', [deposit(2)]);
      const report = await verify();
      expect(report).toMatchObject({ ok: true, eventsChecked: 9, firstBreak: null });
      if (name === 'PostgreSQL') expect(report.warnings).toEqual([expect.stringMatching(/^1 global position is unused \(first 9\)/)]);
      else expect(report.warnings).toEqual([]);
    });

    it('refuses to verify a stream that never existed', async () => {
      const { verify } = await given();
      await expect(verify('account-nobody')).rejects.toMatchObject({ code: 'stream_not_found' });
    });

    it('catches a changed payload and names stream, version, position and both hashes', async () => {
      const { streams, attacker, verify } = await given();
      const a3 = streams.A![2]!;
      await attacker.setData(a3.globalPosition, { amount: 999_999, currency: 'EUR' });
      const expected = { streamId: 'account-A', streamVersion: 3, globalPosition: a3.globalPosition, problem: 'hash_mismatch', storedHash: a3.hash } as const;
      const report = await verify();
      expectBreak(report, expected);
      expect(report.firstBreak!.expectedHash).toMatch(/^[0-9a-f]{64}$/);
      expect(report.firstBreak!.expectedHash).not.toBe(a3.hash);
      expect(report.fingerprint).toBeNull();
      expectBreak(await verify('account-A'), expected);
      expect((await verify('account-B')).ok).toBe(true);
    });

    it('catches changed metadata', async () => {
      const { streams, attacker, verify } = await given();
      const b2 = streams.B![1]!;
      await attacker.setMetadata(b2.globalPosition, { ...b2.metadata, actor: 'someone-else' });
      expectBreak(await verify(), { streamId: 'account-B', streamVersion: 2, globalPosition: b2.globalPosition, problem: 'hash_mismatch' });
    });

    it('catches a rewritten hash: the next link no longer holds', async () => {
      const { streams, attacker, verify } = await given();
      const a2 = streams.A![1]!;
      await attacker.setHash(a2.globalPosition, chainHash(null, a2));
      expectBreak(await verify(), { streamId: 'account-A', streamVersion: 2, problem: 'hash_mismatch' });
    });

    it('catches a deleted event in the middle of a stream at the position it had', async () => {
      const { streams, attacker, verify } = await given();
      const a3 = streams.A![2]!;
      await attacker.deleteAt(a3.globalPosition);
      const expected = { streamId: 'account-A', streamVersion: 3, problem: 'missing_event' } as const;
      expectBreak(await verify(), { ...expected, globalPosition: a3.globalPosition });
      expectBreak(await verify('account-A'), { ...expected, globalPosition: streams.A![3]!.globalPosition });
    });

    it("catches a deleted last event of a stream, which the stream's own chain cannot see", async () => {
      const { streams, attacker, verify } = await given();
      const b3 = streams.B![2]!;
      await attacker.deleteAt(b3.globalPosition);
      const expected = { streamId: 'account-B', streamVersion: 3, globalPosition: b3.globalPosition, problem: 'command_mismatch' } as const;
      expectBreak(await verify(), expected);
      expectBreak(await verify('account-B'), expected);
    });

    it('catches the deletion of the newest event in the store', async () => {
      const { streams, attacker, verify } = await given();
      await attacker.deleteAt(streams.A![4]!.globalPosition);
      expectBreak(await verify(), { streamId: 'account-A', streamVersion: 5, globalPosition: 8 });
    });

    // PostgreSQL's sequence may legitimately run ahead of the newest event; there a fingerprint proves the loss.
    it.skipIf(name !== 'SQLite')('catches the deletion of the newest event even with its command record gone', async () => {
      const { attacker, verify } = await given();
      await attacker.deleteAt(8);
      const db = (await import('better-sqlite3')).default;
      const raw = new db(backend.url.slice('file:'.length));
      raw.prepare("DELETE FROM commands WHERE command_id = 'A-5'").run();
      raw.close();
      expectBreak(await verify(), { globalPosition: 8, problem: 'missing_tail' });
    });

    it('catches a whole stream deleted', async () => {
      const { streams, attacker, verify } = await given();
      await attacker.deleteStream('account-B');
      expectBreak(await verify(), { streamId: 'account-B', streamVersion: 1, globalPosition: streams.B![0]!.globalPosition, problem: 'command_mismatch' });
      expectBreak(await verify('account-B'), { streamId: 'account-B', problem: 'command_mismatch' });
    });

    it('catches a forged event inserted with a made-up hash', async () => {
      const { streams, attacker, verify } = await given();
      const a5 = streams.A![4]!;
      await attacker.insert({ ...a5, globalPosition: undefined, eventId: randomUUID(), streamVersion: 6, data: { amount: 1_000_000, currency: 'EUR' }, hash: 'f'.repeat(64) });
      expectBreak(await verify(), { streamId: 'account-A', streamVersion: 6, globalPosition: 9, problem: 'hash_mismatch', storedHash: 'f'.repeat(64) });
    });

    it('catches a forged event slipped between two versions (renumbering the rest)', async () => {
      const { streams, attacker, verify } = await given();
      const [, , , , a5] = streams.A!;
      await attacker.deleteAt(a5!.globalPosition);
      const forged = { ...a5!, globalPosition: undefined, eventId: randomUUID(), data: { amount: 1, currency: 'EUR' } };
      await attacker.insert({ ...forged, hash: chainHash(streams.A![3]!.hash, forged) });
      await attacker.insert({ ...a5!, globalPosition: undefined, streamVersion: 6 });
      const expected = { streamId: 'account-A', streamVersion: 5, globalPosition: a5!.globalPosition, problem: 'command_mismatch' } as const;
      for (const report of [await verify('account-A'), await verify()]) {
        expectBreak(report, expected);
        expect(report.breaks).toContainEqual(expect.objectContaining({ streamId: 'account-A', streamVersion: 6, problem: 'hash_mismatch' }));
      }
    });

    it('catches two events of a stream swapped', async () => {
      const { streams, attacker, verify } = await given();
      await attacker.swapVersions('account-A', 2, 3);
      expectBreak(await verify(), { streamId: 'account-A', streamVersion: 2, globalPosition: streams.A![1]!.globalPosition });
      expectBreak(await verify('account-A'), { streamId: 'account-A', streamVersion: 2, problem: 'hash_mismatch' });
    });

    it('a careful attacker who re-chains the stream passes the chain, but not a fingerprint taken before', async () => {
      const { store, streams, attacker, verify } = await given();
      const fingerprint = await fingerprintAt(store, 6);
      await rewriteAndRechain(attacker, streams.A!, 3, { amount: 999_999, currency: 'EUR' });
      expect((await verify()).ok).toBe(true);
      const check = await checkFingerprint(backend.open(), fingerprint);
      expect(check).toMatchObject({ ok: false, position: 6, expectedRoot: fingerprint.root });
      expect(check.actualRoot).not.toBe(fingerprint.root);
    });

    it('a fingerprint survives appends after it and fails when an event before it is removed', async () => {
      const { store, attacker } = await given();
      const fingerprint = await fingerprintAt(store, 5);
      await store.appendToStream('account-C', [deposit(1)]);
      expect(await checkFingerprint(backend.open(), fingerprint)).toMatchObject({ ok: true, eventCount: 5 });
      await attacker.deleteAt(4);
      expect((await checkFingerprint(backend.open(), { position: 5, root: fingerprint.root })).ok).toBe(false);
    });

    it('proves that one event is in a fingerprinted tree', async () => {
      const { store } = await given();
      const proof = await inclusionProofAt(store, 3, 7);
      expect(proof).toMatchObject({ position: 3, leafIndex: 2, treeSize: 7, treePosition: 7, verified: true, root: (await fingerprintAt(store, 7)).root });
      await expect(inclusionProofAt(store, 3, 99)).rejects.toMatchObject({ name: 'ValidationError' });
    });
  });
}
