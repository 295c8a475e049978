import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packText } from './build-pack';
import { exportEvidencePack } from './export-pack';
import { nodeCrypto } from './node-crypto';
import type { PackScope } from './pack-schema';
import { packFixture } from './testing/pack-fixture';
import { verifyPackText } from './verify-pack';

/*
 * Given a pack the server exported, when any byte of the file changes, then the offline verifier
 * fails and names where; and a pack made before a tamper verifies while one made after fails.
 */

const everything: PackScope = { streams: null, from: null, to: null };
const export_ = (fixture: Awaited<ReturnType<typeof packFixture>>, scope: PackScope = everything) =>
  exportEvidencePack(fixture.store, fixture.keys, { scope, actor: 'auditor:amir' });
const verify = (text: string) => verifyPackText(text, nodeCrypto);

const replaceOnce = (text: string, from: string, to: string) => {
  const at = text.indexOf(from);
  expect(at, `"${from}" is in the pack`).toBeGreaterThanOrEqual(0);
  return text.slice(0, at) + to + text.slice(at + from.length);
};

describe('evidence packs', () => {
  it('a whole-store pack verifies offline, stored and upcast forms side by side', async () => {
    const fixture = await packFixture(3, 2);
    const pack = await export_(fixture);
    expect(pack.events).toHaveLength(9);
    expect(pack.events[0]!.stored).toMatchObject({ type: 'AccountOpened', schemaVersion: 1, data: { name: 'Holder 0' } });
    expect(pack.events[0]!.upcast.schemaVersion).toBeGreaterThan(1);
    expect(pack.segments.map((segment) => [segment.streamId, segment.fromVersion, segment.toVersion])).toEqual([
      ['account-a0', 1, 3],
      ['account-a1', 1, 3],
      ['account-a2', 1, 3],
    ]);
    const result = await verify(packText(pack));
    expect(result).toMatchObject({ ok: true, fault: null, eventsChecked: 9, streams: 3, checkpoint: { position: 9, eventCount: 9 } });
    expect(result.trustAnchorKeyId).toBe(fixture.keys.available && fixture.keys.current.keyId);
  });

  it('a stream set or a time window starting mid-stream carries boundary hashes proven in the checkpoint', async () => {
    let tick = Date.parse('2026-02-01T00:00:00Z');
    const fixture = await packFixture(2, 4, () => new Date((tick += 1_000)));
    const streams = await export_(fixture, { streams: ['account-a1'], from: null, to: null });
    expect(streams.events.map((event) => event.stored.streamId)).toEqual(Array(5).fill('account-a1'));
    await expect(verify(packText(streams))).resolves.toMatchObject({ ok: true });
    const window = await export_(fixture, { streams: null, from: '2026-02-01T00:00:05Z', to: '2026-02-01T00:00:08Z' });
    expect(window.events.map((event) => event.position)).toEqual([5, 6, 7]);
    expect(window.segments.every((segment) => segment.previous !== null && segment.fromVersion > 1)).toBe(true);
    await expect(verify(packText(window))).resolves.toMatchObject({ ok: true, eventsChecked: 3 });
  });

  it('names the event and field of a change: data, upcast form, hash, a proof, the checkpoint, the header', async () => {
    const text = packText(await export_(await packFixture(2, 2)));
    const lines = text.split('\n');
    const onLine = (line: number, from: string, to: string) => lines.map((each, index) => (index === line ? replaceOnce(each, from, to) : each)).join('\n');
    const third = JSON.parse(lines[3]!.replace(/,$/, ''));
    expect((await verify(onLine(3, '"amount":100', '"amount":900'))).fault).toMatchObject({ field: 'events[2].stored.data', event: { index: 2, line: 4 } });
    expect((await verify(onLine(3, '"description":"Deposit 0', '"description":"Dep0sit 0'))).fault).toMatchObject({ field: 'events[2].stored.data' });
    expect((await verify(onLine(1, '"schemaVersion":3,"data":{', '"schemaVersion":3,"data":{"x":1,'))).fault).toMatchObject({ field: 'events[0].upcast' });
    expect((await verify(onLine(3, third.stored.hash, 'f'.repeat(64)))).fault).toMatchObject({ field: 'events[2].stored.hash' });
    expect((await verify(onLine(3, third.proof[0], 'e'.repeat(64)))).fault).toMatchObject({ field: 'events[2].proof' });
    expect((await verify(onLine(3, `"actor":"teller:ann"`, `"actor":"teller:amn"`))).fault).toMatchObject({ field: 'events[2].stored.metadata' });
    const header = JSON.parse(`${lines[0]!.replace(/,"events":\[$/, '')}}`);
    expect((await verify(onLine(0, header.checkpoint.root, 'a'.repeat(64)))).fault).toMatchObject({ field: 'checkpoint', event: null });
    expect((await verify(onLine(0, header.createdAt, '2020-01-01T00:00:00.000Z'))).fault).toMatchObject({ field: '(header)', event: null });
  });

  it('finds a one-byte change anywhere in the file, and on an event’s line names that event', async () => {
    const text = packText(await export_(await packFixture(2, 3)));
    const bytes = Buffer.from(text, 'utf8');
    const lineStarts = [0];
    for (let index = 0; index < bytes.length; index += 1) if (bytes[index] === 0x0a) lineStarts.push(index + 1);
    await expect(verify(text)).resolves.toMatchObject({ ok: true });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, delta) => {
        const changed = Buffer.from(bytes);
        changed[at] = (changed[at]! + delta) % 256;
        const result = await verify(changed.toString('utf8'));
        expect(result.ok).toBe(false);
        expect(result.fault!.field).not.toBe('');
        const line = lineStarts.filter((start) => start <= at).length;
        const eventIndex = line - 2;
        if (eventIndex >= 0 && eventIndex < result.eventsChecked + 1 && line < lineStarts.length - 1) {
          expect(result.fault!.field.startsWith(`events[${eventIndex}]`) || result.fault!.event?.index === eventIndex, `${result.fault!.field}: ${result.fault!.message}`).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a pack made before a tamper verifies; one made after fails at the altered event', async () => {
    const fixture = await packFixture(2, 3);
    const before = packText(await export_(fixture));
    fixture.rows[4]!.data = { ...(fixture.rows[4]!.data as object), amount: 1_000_000 };
    await expect(verify(before)).resolves.toMatchObject({ ok: true });
    const after = await verify(packText(await export_(fixture)));
    expect(after).toMatchObject({ ok: false, fault: { field: 'events[4].stored', event: { position: 5, streamId: 'account-a0', streamVersion: 3 } } });
    expect(after.fault!.message).toMatch(/altered in the store before this pack was made/);
  });

  it('says where a file that is not JSON, or not a pack, goes wrong', async () => {
    const text = packText(await export_(await packFixture(1, 1)));
    expect((await verify(text.slice(0, -5))).fault).toMatchObject({ field: expect.stringMatching(/events\[1\]|\(file\)/) });
    expect((await verify('{"format":"something else"}')).fault).toMatchObject({ field: 'format' });
  });
});
