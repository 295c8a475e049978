import { hash } from 'node:crypto';
import { canonicalEncoding, GENESIS_HASH, type HashedFields } from './canonical-event';

export { canonicalEncoding, GENESIS_HASH, type HashedFields } from './canonical-event';

/**
 * sha256 over `previous hash \n canonical encoding` (UTF-8), one-shot: a batch append hashes every event.
 * `dataJson` / `metadataJson`: the canonical texts of data and metadata, when the caller has them already.
 */
export const chainHash = (previousHash: string | null, event: HashedFields, dataJson?: string, metadataJson?: string): string =>
  hash('sha256', `${previousHash ?? GENESIS_HASH}\n${canonicalEncoding(event, dataJson, metadataJson)}`, 'hex');
