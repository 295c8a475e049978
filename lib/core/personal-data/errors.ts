import { ChronicleError } from '../errors';

/** The erasure cannot be done as asked (already done, or data it could not shred); nothing was written. 409 at the edge. */
export class ErasureConflict extends ChronicleError {
  static readonly KIND = 'conflict';
  readonly kind = 'conflict' as const;
  constructor(code: 'customer_already_erased' | 'plaintext_personal_data', message: string) {
    super(message, code);
  }
}
