import { keyAnnouncementStatement, type KeyAnnouncement } from './checkpoint-schemas';

/** Checks an Ed25519 signature; async so a browser's WebCrypto can answer. */
export type SignatureCheck = (publicKey: string, message: string, signature: string) => Promise<boolean>;

export type KeyChainCheck = { ok: true } | { ok: false; index: number; field: string; message: string };

/**
 * The keys in the order announced: the first is the trust anchor (compare it with the published
 * key); every later one names the key before it and carries that key's signature over its
 * announcement, so a key nobody held the previous key for cannot join the chain.
 */
export const checkKeyChain = async (announcements: readonly KeyAnnouncement[], verify: SignatureCheck): Promise<KeyChainCheck> => {
  for (const [index, announcement] of announcements.entries()) {
    const previous = announcements[index - 1];
    if (!previous) {
      if (announcement.previousKeyId !== null || announcement.signature !== null) {
        return { ok: false, index, field: 'previousKeyId', message: `The first key ${announcement.keyId} claims to replace ${announcement.previousKeyId ?? 'a key'} that is not announced` };
      }
      continue;
    }
    if (announcement.previousKeyId !== previous.keyId) {
      return { ok: false, index, field: 'previousKeyId', message: `Key ${announcement.keyId} names ${announcement.previousKeyId ?? 'no key'} as its predecessor, but the key before it is ${previous.keyId}` };
    }
    if (announcement.signature === null || !(await verify(previous.publicKey, keyAnnouncementStatement(announcement), announcement.signature))) {
      return { ok: false, index, field: 'signature', message: `Key ${announcement.keyId} is not signed by the key it replaces (${previous.keyId})` };
    }
  }
  return { ok: true };
};
