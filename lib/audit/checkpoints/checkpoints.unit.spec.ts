import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InMemoryEventStore } from '../../core/in-memory-event-store';
import { checkpointStatement, KEY_ANNOUNCED } from './checkpoint-schemas';
import { CHECKPOINT_STREAM, readCheckpointLog, takeCheckpoint, verifyCheckpoint } from './checkpoints';
import { generateSigningKey, signingKeyFrom, verifySignature } from './signing-key';
import { resolveSigningKeys, type SigningKeys } from './signing-key-config';

const keysOf = (current = generateSigningKey().key, previous: SigningKeys extends infer K ? (K extends { previous: infer P } ? P : never) : never = null): SigningKeys => ({
  available: true,
  current,
  previous,
  source: 'configured',
});

const storeWith = async (count: number) => {
  const store = new InMemoryEventStore();
  for (let index = 1; index <= count; index += 1) await store.appendToStream(`thing-${index % 3}`, [{ type: 'Happened', data: { index } }]);
  return store;
};

const auditor = { actor: 'auditor:amir', trigger: 'on_demand' } as const;

describe('signing keys from configuration', () => {
  it('reads a PKCS8 key as PEM or as base64 DER, to the same key id', () => {
    const { key, pem } = generateSigningKey();
    const der = pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s/g, '');
    expect(signingKeyFrom(der).keyId).toBe(key.keyId);
    const keys = resolveSigningKeys({ CHRONICLE_AUDIT_SIGNING_KEY: pem }, { demo: false });
    expect(keys).toMatchObject({ available: true, source: 'configured', current: { keyId: key.keyId } });
  });

  it('refuses a key that is not Ed25519 PKCS8, naming the setting', () => {
    expect(() => resolveSigningKeys({ CHRONICLE_AUDIT_SIGNING_KEY: 'not a key' }, { demo: true })).toThrow(/CHRONICLE_AUDIT_SIGNING_KEY is not a PKCS8 private key/);
  });

  it('outside demo mode, without a key, signing is unavailable and says how to configure it', () => {
    const keys = resolveSigningKeys({}, { demo: false });
    expect(keys).toMatchObject({ available: false, reason: expect.stringMatching(/CHRONICLE_AUDIT_SIGNING_KEY/) });
  });

  it('in demo mode makes a key once, keeps it under the data folder and says so', () => {
    const root = mkdtempSync(join(tmpdir(), 'chronicle-key-'));
    const lines: string[] = [];
    const first = resolveSigningKeys({}, { demo: true, root, log: (line) => lines.push(line) });
    const second = resolveSigningKeys({}, { demo: true, root, log: (line) => lines.push(line) });
    expect(first.available && second.available && first.current.keyId === second.current.keyId).toBe(true);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/demo mode made an Ed25519 audit signing key/);
    expect(readFileSync(join(root, 'data/audit-signing-key.pem'), 'utf8')).toMatch(/BEGIN PRIVATE KEY/);
  });
});

describe('signed checkpoints', () => {
  it('records the key, then a checkpoint whose signature covers the root at the head', async () => {
    const store = await storeWith(5);
    const keys = keysOf();
    const checkpoint = await takeCheckpoint(store, keys, auditor);
    expect(checkpoint).toMatchObject({ position: 5, eventCount: 5, keyId: keys.available ? keys.current.keyId : '', streamVersion: 2 });
    const log = await readCheckpointLog(store);
    expect(log.keys).toHaveLength(1);
    expect(log.keys[0]).toMatchObject({ previousKeyId: null, signature: null });
    expect(verifySignature(log.keys[0]!.publicKey, checkpointStatement(checkpoint), checkpoint.signature)).toBe(true);
    expect(verifySignature(log.keys[0]!.publicKey, checkpointStatement({ ...checkpoint, position: 4 }), checkpoint.signature)).toBe(false);
    const events = await store.readStream(CHECKPOINT_STREAM);
    expect(events.map((event) => event.metadata.actor)).toEqual(['auditor:amir', 'auditor:amir']);
  });

  it('verifies against the store: a later append keeps it valid; a rewritten event breaks it', async () => {
    const store = await storeWith(4);
    const checkpoint = await takeCheckpoint(store, keysOf(), auditor);
    await store.appendToStream('thing-9', [{ type: 'Happened', data: { index: 99 } }]);
    await expect(verifyCheckpoint(store)).resolves.toMatchObject({ ok: true, signatureOk: true, rootMatches: true, keyChainOk: true });
    // Beneath the application: the in-memory store's array is the database here.
    const events = (store as unknown as { all: Array<{ data: unknown }> }).all;
    events[1]!.data = { index: -1 };
    const report = await verifyCheckpoint(store, checkpoint.streamVersion);
    expect(report).toMatchObject({ ok: false, signatureOk: true, rootMatches: false });
    expect(report.message).toMatch(/differ from those .* signed/);
  });

  it('rotates only with the old key signing the new one in, and both keys verify their checkpoints', async () => {
    const store = await storeWith(3);
    const oldKey = generateSigningKey().key;
    const newKey = generateSigningKey().key;
    const first = await takeCheckpoint(store, keysOf(oldKey), auditor);
    await expect(takeCheckpoint(store, keysOf(newKey), auditor)).rejects.toThrow(/CHRONICLE_AUDIT_PREVIOUS_SIGNING_KEY/);
    const second = await takeCheckpoint(store, keysOf(newKey, oldKey), auditor);
    const log = await readCheckpointLog(store);
    expect(log.keys.map((key) => key.keyId)).toEqual([oldKey.keyId, newKey.keyId]);
    expect(log.keys[1]).toMatchObject({ previousKeyId: oldKey.keyId, signature: expect.any(String) });
    await expect(verifyCheckpoint(store, first.streamVersion)).resolves.toMatchObject({ ok: true });
    await expect(verifyCheckpoint(store, second.streamVersion)).resolves.toMatchObject({ ok: true, key: { keyId: newKey.keyId } });
  });

  it('a key slipped into the stream without the old key’s signature breaks the chain', async () => {
    const store = await storeWith(2);
    await takeCheckpoint(store, keysOf(), auditor);
    const intruder = generateSigningKey().key;
    const log = await readCheckpointLog(store);
    await store.appendToStream(CHECKPOINT_STREAM, [
      { type: KEY_ANNOUNCED, data: { keyId: intruder.keyId, algorithm: 'Ed25519', publicKey: intruder.publicKey, previousKeyId: log.keys[0]!.keyId, announcedAt: new Date().toISOString(), signature: intruder.sign('x') } },
    ]);
    const checkpoint = await takeCheckpoint(store, keysOf(intruder), auditor);
    const report = await verifyCheckpoint(store, checkpoint.streamVersion);
    expect(report).toMatchObject({ ok: false, keyChainOk: false });
    expect(report.message).toMatch(/not signed by the key it replaces/);
  });

  it('without a key, taking one is refused with the reason and nothing is written', async () => {
    const store = await storeWith(1);
    await expect(takeCheckpoint(store, { available: false, reason: 'Checkpoint signing is unavailable: no key' }, auditor)).rejects.toThrow(/unavailable/);
    expect(await store.streamExists(CHECKPOINT_STREAM)).toBe(false);
  });

  it('verifying before any checkpoint is a not-found', async () => {
    await expect(verifyCheckpoint(await storeWith(1))).rejects.toThrow(/No checkpoint has been taken yet/);
  });
});
