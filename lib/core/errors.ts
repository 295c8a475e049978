/**
 * Typed errors shared by every port. The edge (route handlers, server actions,
 * CLI) maps them to HTTP statuses and messages in one place; nothing below it
 * knows about HTTP.
 */
export type FieldIssue = { path: string; message: string };

type ErrorKind = 'validation' | 'rule_violation' | 'not_found' | 'concurrency' | 'conflict' | 'unavailable' | 'unauthenticated' | 'forbidden' | 'rate_limited';

/** Global, so that every copy of this module marks its errors the same way. */
const BRAND = Symbol.for('chronicle.error');

export abstract class ChronicleError extends Error {
  /**
   * Recognises errors by brand and kind, not by class identity: a bundler may
   * give each route its own copy of this module while the event store, a
   * process-wide singleton, was built from another copy. Identity would then
   * turn a ConcurrencyError into "unexpected" (no retry, a 500).
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== 'object' || value === null || (value as { [BRAND]?: unknown })[BRAND] !== true) return false;
    const kind = (this as { KIND?: ErrorKind }).KIND;
    return kind === undefined || (value as { kind?: unknown }).kind === kind;
  }

  readonly [BRAND] = true;
  abstract readonly kind: ErrorKind;
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The input does not have the right shape, types or bounds. */
export class ValidationError extends ChronicleError {
  static readonly KIND = 'validation';
  readonly kind = 'validation' as const;
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message, 'validation_failed');
  }
}

/** Well-formed input that a business rule refuses, e.g. `insufficient_funds`. */
export class RuleViolation extends ChronicleError {
  static readonly KIND = 'rule_violation';
  readonly kind = 'rule_violation' as const;
  constructor(code: string, message: string) {
    super(message, code);
  }
}

export class NotFoundError extends ChronicleError {
  static readonly KIND = 'not_found';
  readonly kind = 'not_found' as const;
  constructor(message: string, code = 'not_found') {
    super(message, code);
  }
}

/** The stream's version was not the one expected: nothing was written. */
export class ConcurrencyError extends ChronicleError {
  static readonly KIND = 'concurrency';
  readonly kind = 'concurrency' as const;
  constructor(
    readonly streamId: string,
    readonly expected: string,
    readonly actual: number,
  ) {
    super(`Stream ${streamId} is at version ${actual}, expected ${expected}`, 'version_conflict');
  }
}

/**
 * A command id (idempotency key) already stands for another request: another actor, another
 * stream or another body. Nothing was written; retrying will not help.
 */
export class IdempotencyKeyReusedError extends ChronicleError {
  static readonly KIND = 'conflict';
  readonly kind = 'conflict' as const;
  constructor(message = 'This command id was already used for a different request; send a new one') {
    super(message, 'idempotency_key_reused');
  }
}

/** A dependency (database, bus) could not be reached; the caller may retry later. */
export class UnavailableError extends ChronicleError {
  static readonly KIND = 'unavailable';
  readonly kind = 'unavailable' as const;
  constructor(message: string) {
    super(message, 'unavailable');
  }
}

/** Nobody is signed in, or the credentials sent are wrong. */
export class UnauthenticatedError extends ChronicleError {
  static readonly KIND = 'unauthenticated';
  readonly kind = 'unauthenticated' as const;
  constructor(message = 'Sign in to continue', code = 'unauthenticated') {
    super(message, code);
  }
}

/** The signed-in principal may not do this; nothing was written. */
export class ForbiddenError extends ChronicleError {
  static readonly KIND = 'forbidden';
  readonly kind = 'forbidden' as const;
  constructor(code: string, message: string) {
    super(message, code);
  }
}

/** Too many attempts (e.g. failed sign-ins) or open streams; try again after `retryAfterSeconds`. */
export class RateLimitedError extends ChronicleError {
  static readonly KIND = 'rate_limited';
  readonly kind = 'rate_limited' as const;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    code: 'too_many_attempts' | 'too_many_streams' | 'too_many_scans' = 'too_many_attempts',
  ) {
    super(message, code);
  }
}

export const isChronicleError = (error: unknown): error is ChronicleError => error instanceof ChronicleError;
