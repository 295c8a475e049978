import { createHash, createPublicKey, verify } from 'node:crypto';
import type { PortableCrypto } from './portable-crypto';

/** The portable verifier's crypto on Node: its native SHA-256 and Ed25519. */
export const nodeCrypto: PortableCrypto = {
  sha256: (bytes) => createHash('sha256').update(bytes).digest(),
  verifyEd25519: async (publicKey, message, signature) => {
    try {
      const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
      return verify(null, Buffer.from(message, 'utf8'), key, Buffer.from(signature, 'base64url'));
    } catch {
      return false;
    }
  },
};
