import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveMasterKey } from './master-key-config';

const root = mkdtempSync(join(tmpdir(), 'chronicle-master-key-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the master key (CHRONICLE_DATA_KEY)', () => {
  it('takes 32 bytes as base64 or hex, and refuses anything else at once', () => {
    const base64 = Buffer.alloc(32, 7).toString('base64');
    expect(resolveMasterKey({ CHRONICLE_DATA_KEY: base64 })).toMatchObject({ available: true, source: 'configured', id: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(resolveMasterKey({ CHRONICLE_DATA_KEY: 'ab'.repeat(32) })).toMatchObject({ available: true });
    expect(() => resolveMasterKey({ CHRONICLE_DATA_KEY: 'too-short' })).toThrow(/CHRONICLE_DATA_KEY must be 32 random bytes/);
  });

  it('outside demo mode without one: unavailable, saying what to set', () => {
    expect(resolveMasterKey({ CHRONICLE_DEMO_MODE: 'off' })).toMatchObject({ available: false, reason: expect.stringContaining('set CHRONICLE_DATA_KEY') });
    expect(resolveMasterKey({ NODE_ENV: 'production' })).toMatchObject({ available: false });
  });

  it('in demo mode without one: made once under data/, private to its owner, and said so', () => {
    const lines: string[] = [];
    const first = resolveMasterKey({ CHRONICLE_DEMO_MODE: 'on' }, { root, log: (line) => lines.push(line) });
    const second = resolveMasterKey({ CHRONICLE_DEMO_MODE: 'on' }, { root, log: (line) => lines.push(line) });
    expect(first).toMatchObject({ available: true, source: 'demo' });
    expect(second.available && first.available && second.key.equals(first.key)).toBe(true);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/demo mode made a master key \([0-9a-f]{16}\) .*\/data\/customer-data-key\. Set CHRONICLE_DATA_KEY in production/);
    const file = join(root, 'data', 'customer-data-key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32);
  });
});
