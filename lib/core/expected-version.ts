import { ConcurrencyError } from './errors';
import type { ExpectedVersion } from './event-store';

/** Throws the typed conflict when a stream at `actual` does not satisfy `expected`. */
export const assertExpectedVersion = (streamId: string, expected: ExpectedVersion, actual: number): void => {
  if (matchesExpectedVersion(expected, actual)) return;
  throw new ConcurrencyError(streamId, String(expected), actual);
};

export const matchesExpectedVersion = (expected: ExpectedVersion, actual: number): boolean => {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 0;
    case 'stream_exists':
      return actual > 0;
    default:
      return actual === expected;
  }
};
