import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/*
 * The server's Ed25519 audit key. Its public half is published (raw 32 bytes, base64url: the
 * JWK `x`), so anyone, including a browser's WebCrypto, can check what it signed; the key id is
 * derived from those bytes, so a key id names exactly one public key.
 */

export type PublicAuditKey = {
  keyId: string;
  algorithm: 'Ed25519';
  /** The raw 32-byte public key, base64url (JWK `x`). */
  publicKey: string;
};

export type AuditSigningKey = PublicAuditKey & { sign(message: string): string };

export const keyIdOf = (publicKey: string): string =>
  `ed25519:${createHash('sha256').update(Buffer.from(publicKey, 'base64url')).digest('hex').slice(0, 16)}`;

const publicKeyOf = (privateKey: KeyObject): string => {
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('an Ed25519 public key has an x');
  return jwk.x;
};

/** A key from its PKCS8 form; PEM, or the DER bytes in base64. Anything else is refused with the reason. */
export const signingKeyFrom = (pkcs8: string, name = 'the audit signing key'): AuditSigningKey => {
  const text = pkcs8.trim();
  let privateKey: KeyObject;
  try {
    privateKey = text.startsWith('-----BEGIN')
      ? createPrivateKey({ key: text, format: 'pem' })
      : createPrivateKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'pkcs8' });
  } catch {
    throw new Error(`${name} is not a PKCS8 private key (PEM, or DER in base64): make one with \`openssl genpkey -algorithm ed25519\``);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${name} is a ${privateKey.asymmetricKeyType ?? 'unknown'} key; checkpoints are signed with Ed25519`);
  const publicKey = publicKeyOf(privateKey);
  return {
    keyId: keyIdOf(publicKey),
    algorithm: 'Ed25519',
    publicKey,
    sign: (message) => sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64url'),
  };
};

/** A fresh key and its PKCS8 PEM (to keep). */
export const generateSigningKey = (): { key: AuditSigningKey; pem: string } => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return { key: signingKeyFrom(pem), pem };
};

/** Whether `signature` (base64url) is `publicKey`'s over `message`; false for anything malformed. */
export const verifySignature = (publicKey: string, message: string, signature: string): boolean => {
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
    return verify(null, Buffer.from(message, 'utf8'), key, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
};

export const publicPart = (key: PublicAuditKey): PublicAuditKey => ({ keyId: key.keyId, algorithm: key.algorithm, publicKey: key.publicKey });
