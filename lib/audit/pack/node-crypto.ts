import { createHash, createPublicKey, verify } from 'node:crypto';
import type { PortableCrypto } from './portable-crypto';

/** The portable verifier's crypto on Node: its native SHA-256 and Ed25519. */
export const nodeCrypto: PortableCrypto = {
  sha256: (...parts) => {
    const hash = createHash('sha256');
    for (const part of parts) hash.update(part);
    return hash.digest();
  },
  verifyEd25519: async (publicKey, message, signature) => {
    try {
      const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
      return verify(null, Buffer.from(message, 'utf8'), key, Buffer.from(signature, 'base64url'));
    } catch {
      return false;
    }
  },
};
