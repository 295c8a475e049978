import { describe, expect, it } from 'vitest';
import { ChronicleError, ConcurrencyError, isChronicleError, NotFoundError, RuleViolation, UnavailableError, ValidationError } from './errors';

/** What an error thrown by another copy of errors.ts (another bundler chunk) looks like from here. */
const fromAnotherCopy = (kind: string, code: string) =>
  Object.assign(new Error('elsewhere'), { [Symbol.for('chronicle.error')]: true, kind, code });

describe('typed errors', () => {
  it('are recognised by kind, including errors made by another copy of the module', () => {
    const concurrency = fromAnotherCopy('concurrency', 'version_conflict');
    expect(concurrency instanceof ConcurrencyError).toBe(true);
    expect(concurrency instanceof ChronicleError).toBe(true);
    expect(isChronicleError(concurrency)).toBe(true);
    expect(concurrency instanceof ValidationError).toBe(false);
    expect(fromAnotherCopy('unavailable', 'unavailable') instanceof UnavailableError).toBe(true);
  });

  it('tell the kinds apart and ignore look-alikes without the brand', () => {
    expect(new RuleViolation('insufficient_funds', 'No') instanceof RuleViolation).toBe(true);
    expect(new RuleViolation('insufficient_funds', 'No') instanceof NotFoundError).toBe(false);
    expect(new ValidationError('Bad') instanceof ChronicleError).toBe(true);
    expect(new ConcurrencyError('s', '1', 2) instanceof Error).toBe(true);
    expect(isChronicleError(Object.assign(new Error('x'), { kind: 'validation', code: 'x' }))).toBe(false);
    expect(isChronicleError(null)).toBe(false);
    expect(isChronicleError('validation')).toBe(false);
  });
});
