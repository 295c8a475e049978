import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packText } from '../audit/pack/build-pack';
import { exportEvidencePack } from '../audit/pack/export-pack';
import { packFixture } from '../audit/pack/testing/pack-fixture';
import { runInProcess } from './testing/run-in-process';

describe('chronicle verify-pack FILE', () => {
  it('verifies a pack with no database, names the first fault (exit 8), and checks a trusted key id', async () => {
    const fixture = await packFixture(2, 2);
    const text = packText(await exportEvidencePack(fixture.store, fixture.keys, { scope: { streams: null, from: null, to: null }, actor: 'auditor:amir' }));
    const folder = mkdtempSync(join(tmpdir(), 'chronicle-pack-'));
    const good = join(folder, 'good.json');
    const bad = join(folder, 'bad.json');
    writeFileSync(good, text);
    writeFileSync(bad, text.replace('"amount":101', '"amount":901'));
    // A database URL that cannot be opened: the command must not need one.
    const noDatabase = { DATABASE_URL: 'file:/nonexistent/folder/none.db' };
    const ok = await runInProcess(['verify-pack', good], noDatabase);
    expect(ok).toMatchObject({ code: 0, stdout: expect.stringMatching(/^OK: 6 events in 2 stream\(s\) verified/) });
    const failed = await runInProcess(['verify-pack', bad], noDatabase);
    expect(failed.code).toBe(8);
    expect(failed.stdout).toMatch(/FAILED at event on line 6 \(account-a0 v3, position 5\), field events\[4\]\.stored\.data/);
    const json = JSON.parse((await runInProcess(['verify-pack', bad, '--json'], noDatabase)).stdout);
    expect(json).toMatchObject({ ok: false, fault: { field: 'events[4].stored.data', event: { position: 5 } } });
    const keyId = fixture.keys.available ? fixture.keys.current.keyId : '';
    expect((await runInProcess(['verify-pack', good, '--key', keyId], noDatabase)).code).toBe(0);
    expect(await runInProcess(['verify-pack', good, '--key', 'ed25519:0000000000000000'], noDatabase)).toMatchObject({ code: 8, stdout: expect.stringContaining('is not the trusted key') });
    expect(await runInProcess(['verify-pack', join(folder, 'missing.json')])).toMatchObject({ code: 2, stderr: expect.stringContaining('cannot read') });
  });
});
