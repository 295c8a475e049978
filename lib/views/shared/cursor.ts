import { ValidationError } from '../../core/errors';

/**
 * Opaque page cursors: base64url JSON. Clients only hand them back; the
 * adapter that made one checks its shape when it comes back.
 */
export const encodeCursor = (value: Record<string, unknown>): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

export const invalidCursor = (message = 'The cursor is not one this API issued'): ValidationError =>
  new ValidationError('Invalid cursor', [{ path: 'cursor', message }]);

/** A cursor issued for another sort, direction or account than the one asked for now. */
export const sortMismatch = (): ValidationError => invalidCursor('The cursor belongs to another sort, direction or account; start again without it');

export const decodeCursor = (cursor: string): Record<string, unknown> => {
  if (!/^[A-Za-z0-9_-]{1,1024}$/.test(cursor)) throw invalidCursor();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidCursor();
  return value as Record<string, unknown>;
};
