import { hash } from 'node:crypto';
import { canonicalEncoding, GENESIS_HASH, type HashedFields } from './canonical-event';

export { canonicalEncoding, GENESIS_HASH, type HashedFields } from './canonical-event';

/** sha256 over `previous hash \n canonical encoding` (UTF-8); one-shot, as a batch append hashes every event. */
export const chainHash = (previousHash: string | null, event: HashedFields): string =>
  hash('sha256', `${previousHash ?? GENESIS_HASH}\n${canonicalEncoding(event)}`, 'hex');
