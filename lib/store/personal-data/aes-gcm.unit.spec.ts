import { describe, expect, it } from 'vitest';
import { newDataKey, openField, sealField, unwrapKey, wrapKey } from './aes-gcm';

/* AES-256-GCM envelopes: round trip, and any change to what was sealed fails its authentication tag. */

const flip = (base64url: string, index: number): string => {
  const bytes = Buffer.from(base64url, 'base64url');
  bytes[index] = bytes[index]! ^ 0x01;
  return bytes.toString('base64url');
};

describe('sealed fields', () => {
  const key = newDataKey();

  it('open what was sealed, with a fresh IV each time (the same text never seals to the same bytes)', () => {
    const first = sealField(key, 'dk-1', 'Ada Lovelace', 'chronicle:v1:AccountOpened:holder.name');
    const second = sealField(key, 'dk-1', 'Ada Lovelace', 'chronicle:v1:AccountOpened:holder.name');
    expect(first).toMatchObject({ $enc: 'v1', kid: 'dk-1' });
    expect(first.ct).not.toContain('Ada');
    expect(first.iv).not.toBe(second.iv);
    expect(first.ct).not.toBe(second.ct);
    expect(openField(key, first, 'chronicle:v1:AccountOpened:holder.name')).toBe('Ada Lovelace');
    expect(openField(key, sealField(key, 'dk-1', 'Grüße 🙂', 'c'), 'c')).toBe('Grüße 🙂');
  });

  it('a changed ciphertext, tag, IV, key id, context or key fails authentication', () => {
    const sealed = sealField(key, 'dk-1', 'Rent for March', 'ctx');
    const ctBytes = Buffer.from(sealed.ct, 'base64url').length;
    expect(() => openField(key, { ...sealed, ct: flip(sealed.ct, 0) }, 'ctx')).toThrow(/unable to authenticate/i);
    expect(() => openField(key, { ...sealed, ct: flip(sealed.ct, ctBytes - 1) }, 'ctx')).toThrow(/unable to authenticate/i);
    expect(() => openField(key, { ...sealed, iv: flip(sealed.iv, 3) }, 'ctx')).toThrow(/unable to authenticate/i);
    expect(() => openField(key, { ...sealed, kid: 'dk-2' }, 'ctx')).toThrow(/unable to authenticate/i);
    expect(() => openField(key, sealed, 'other-field')).toThrow(/unable to authenticate/i);
    expect(() => openField(newDataKey(), sealed, 'ctx')).toThrow(/unable to authenticate/i);
    expect(() => openField(key, { ...sealed, ct: 'AA' }, 'ctx')).toThrow(/malformed/);
  });

  it('wraps a data key under the master key, bound to its key id', () => {
    const master = newDataKey();
    const wrapped = wrapKey(master, 'dk-7', key);
    expect(unwrapKey(master, 'dk-7', wrapped).equals(key)).toBe(true);
    expect(() => unwrapKey(master, 'dk-8', wrapped)).toThrow(/unable to authenticate/i);
    expect(() => unwrapKey(newDataKey(), 'dk-7', wrapped)).toThrow(/unable to authenticate/i);
  });
});
