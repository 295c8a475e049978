import { describe, expect, it } from 'vitest';
import { chainHash, type HashedFields } from './hash-chain';

const event: HashedFields = {
  eventId: '0192f3a0-0000-7000-8000-000000000001',
  streamId: 'account-a1',
  streamVersion: 2,
  type: 'MoneyDeposited',
  schemaVersion: 1,
  data: { amount: 1250, currency: 'EUR', note: 'zürich ✓ 日本' },
  metadata: { actor: 'teller', correlationId: 'c-1', causationId: null, commandId: null },
  recordedAt: new Date('2026-11-23T10:15:30.000Z'),
};

// Digests of the original three-part createHash().update(previous).update('\n').update(canonical): stored chains must still verify.
describe('chainHash', () => {
  it('hashes the previous hash, a newline and the canonical encoding, byte for byte as chains already stored', () => {
    expect(chainHash('ab'.repeat(32), event)).toBe('d0720b98018b2cd65b35c9bd71ec26ddacc01259ca5e02d828a492a24368be97');
  });

  it('starts a stream from the genesis hash', () => {
    expect(chainHash(null, event)).toBe('b82a47db78698187ec0fccedecddd04fd486870b6130e0957708053f353d5339');
  });
});
