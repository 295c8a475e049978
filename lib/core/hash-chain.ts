import { createHash } from 'node:crypto';
import { canonicalEncoding, GENESIS_HASH, type HashedFields } from './canonical-event';

export { canonicalEncoding, GENESIS_HASH, type HashedFields } from './canonical-event';

export const chainHash = (previousHash: string | null, event: HashedFields): string =>
  createHash('sha256')
    .update(previousHash ?? GENESIS_HASH)
    .update('\n')
    .update(canonicalEncoding(event))
    .digest('hex');
