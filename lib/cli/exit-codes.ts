import { isChronicleError, type ChronicleError } from '../core/errors';

/** What `chronicle` exits with; scripts may rely on these (they are listed in `chronicle --help`). */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  validation: 3,
  ruleViolation: 4,
  notFound: 5,
  conflict: 6,
  unavailable: 7,
  integrity: 8,
} as const;

export const EXIT_CODES_HELP = `Exit codes:
  0  done
  1  unexpected failure
  2  wrong command line (unknown command or option, missing argument)
  3  invalid input (ValidationError), nothing written
  4  refused by a business rule (RuleViolation, e.g. insufficient_funds), nothing written
  5  not found (stream, account, version, snapshot, projection)
  6  conflict: the stream moved on (ConcurrencyError), or the command id stands for another request; nothing written
  7  database unavailable or busy (UnavailableError): try again
  8  integrity problem: a broken hash chain or a tampered import file`;

const BY_KIND: Record<ChronicleError['kind'], number> = {
  validation: EXIT.validation,
  rule_violation: EXIT.ruleViolation,
  not_found: EXIT.notFound,
  concurrency: EXIT.conflict,
  conflict: EXIT.conflict,
  unavailable: EXIT.unavailable,
  // The CLI works on the database directly, as its operator; web sign-in and its limits never apply.
  unauthenticated: EXIT.failure,
  forbidden: EXIT.failure,
  rate_limited: EXIT.failure,
};

/** Stored or imported events do not match their hashes. */
export class IntegrityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntegrityError';
  }
}

/** SQLite's own busy error, from connections that do not translate it (snapshots, read models). */
const isSqliteBusy = (error: unknown): boolean => /^SQLITE_(BUSY|LOCKED)/.test(String((error as { code?: unknown } | null)?.code ?? ''));

export const exitCodeOf = (error: unknown): number => {
  if (error instanceof IntegrityError) return EXIT.integrity;
  if (isChronicleError(error)) return BY_KIND[error.kind];
  return isSqliteBusy(error) ? EXIT.unavailable : EXIT.failure;
};
