/*
 * The shapes of identifiers, written once. Stream ids are `{category}-{id}`; the id part of an
 * aggregate (an account, a transfer) is a short token that is safe in a URL path and a subject.
 */

/** An aggregate's own id: letters, digits, `_` and `-`, starting with a letter or digit, at most 64. */
export const ENTITY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** `{category}-{id}`: a category of letters, digits and `_`, then the id (up to 128 here, for copies and imports). */
export const STREAM_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,62}-[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** Command ids (idempotency keys): 1 to 128 printable ASCII characters without spaces. */
export const COMMAND_ID_PATTERN = /^[\x21-\x7e]{1,128}$/;

export const isEntityId = (value: string): boolean => ENTITY_ID_PATTERN.test(value);
