import { z } from 'zod';
import { ValidationError, type FieldIssue } from '../core/errors';
import { COMMAND_ID_PATTERN, STREAM_ID_PATTERN } from '../core/ids';

/** One issue per field; an unknown key is reported at its own path. */
export const issuesOf = (error: z.ZodError): FieldIssue[] =>
  error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: [...issue.path, key].join('.'), message: `Unknown field "${key}"` }))
      : [{ path: issue.path.join('.'), message: issue.message }],
  );

/** The parsed value, or a ValidationError naming every problem (`Invalid ${what}`). */
export const parseOrThrow = <T>(schema: z.ZodType<T>, input: unknown, what: string): T => {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(`Invalid ${what}`, issuesOf(result.error));
  return result.data;
};

export const commandIdSchema = z.string().min(1).max(128).regex(COMMAND_ID_PATTERN, 'Command id must be printable ASCII without spaces');

/** `{category}-{id}`, e.g. `account-3f2a…`. */
export const streamIdSchema = z.string().regex(STREAM_ID_PATTERN, 'Stream id must look like {category}-{id}');

/** Prefixes of the ids the server makes for its own steps (a transfer's legs and records): no client may send one. */
export const SERVER_COMMAND_ID_PREFIXES = ['transfer:', 'system:'] as const;

/** Refuses a client's command id in the server's own namespace (400), before anything is looked up. */
export const assertClientCommandId = (commandId: string | undefined): void => {
  const prefix = SERVER_COMMAND_ID_PREFIXES.find((reserved) => commandId?.startsWith(reserved));
  if (prefix) {
    throw new ValidationError('Invalid request', [{ path: 'commandId', message: `Command ids starting with "${prefix}" are made by the server for its own steps; choose another` }]);
  }
};
