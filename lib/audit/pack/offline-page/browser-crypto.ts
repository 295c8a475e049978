import { sha256 } from '@noble/hashes/sha2.js';
import type { PortableCrypto } from '../portable-crypto';

/*
 * The verifier's crypto in a browser with no network: SHA-256 from @noble/hashes (synchronous;
 * WebCrypto's digest is a promise per call, far too slow a hundred thousand times), Ed25519 from
 * WebCrypto (a handful of signatures per pack).
 */

const fromBase64url = (text: string): Uint8Array<ArrayBuffer> => {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '='));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
};

export const browserCrypto: PortableCrypto = {
  sha256: (...parts) => {
    const hash = sha256.create();
    for (const part of parts) hash.update(part);
    return hash.digest();
  },
  verifyEd25519: async (publicKey, message, signature) => {
    try {
      const key = await crypto.subtle.importKey('raw', fromBase64url(publicKey), { name: 'Ed25519' }, false, ['verify']);
      return await crypto.subtle.verify({ name: 'Ed25519' }, key, fromBase64url(signature), new TextEncoder().encode(message));
    } catch {
      return false;
    }
  },
};
