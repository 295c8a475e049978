import { z } from 'zod';
import { ValidationError, type FieldIssue } from '../../core/errors';
import type { ExpectedVersion } from '../../core/event-store';
import { commandIdSchema, issuesOf, type CommandContext } from '../../commands/account-commands';
import type { JsonObject } from './json-body';

/** Body fields about the request rather than the command; removed before the command's strict schema runs. */
export const RESERVED_BODY_FIELDS = ['commandId', 'expectedVersion'] as const;

export const expectedVersionSchema = z
  .number()
  .int('Expected version must be a whole number')
  .min(0, 'Expected version may not be negative')
  .max(Number.MAX_SAFE_INTEGER);

/** `3`, the ETag form `"3"`, or `*` (the stream must exist). */
const parseIfMatch = (header: string): ExpectedVersion | undefined => {
  const value = header.trim();
  if (value === '*') return 'stream_exists';
  const digits = /^(?:(\d{1,15})|"(\d{1,15})")$/.exec(value);
  const number = digits ? Number(digits[1] ?? digits[2]) : Number.NaN;
  return Number.isSafeInteger(number) ? number : undefined;
};

type Collected<T> = { value: T | undefined; issues: FieldIssue[] };

/** One value from the body or a header; both may be sent only if they agree. */
const pick = <T>(
  fromBody: { present: boolean; parse: () => z.ZodSafeParseResult<T>; path: string },
  fromHeader: { value: string | null; parse: (raw: string) => T | undefined; path: string; message: string },
): Collected<T> => {
  const issues: FieldIssue[] = [];
  let bodyValue: T | undefined;
  let headerValue: T | undefined;
  if (fromBody.present) {
    const result = fromBody.parse();
    if (result.success) bodyValue = result.data;
    else issues.push(...issuesOf(result.error).map((issue) => ({ ...issue, path: fromBody.path })));
  }
  if (fromHeader.value !== null) {
    headerValue = fromHeader.parse(fromHeader.value);
    if (headerValue === undefined) issues.push({ path: fromHeader.path, message: fromHeader.message });
  }
  if (bodyValue !== undefined && headerValue !== undefined && bodyValue !== headerValue) {
    issues.push({ path: fromBody.path, message: `${fromBody.path} and the ${fromHeader.path} header disagree` });
  }
  return { value: bodyValue ?? headerValue, issues };
};

/**
 * Splits a command request into the command's own input and the context the
 * dispatch needs: command id (idempotency), expected version (optimistic
 * concurrency) and the actor, the authenticated principal's id. Every problem
 * with them is reported at once.
 */
export const commandRequest = (request: Request, body: JsonObject, actor: string): { input: JsonObject; context: CommandContext } => {
  const { commandId: bodyCommandId, expectedVersion: bodyExpectedVersion, ...input } = body;

  const commandId = pick(
    { present: 'commandId' in body, parse: () => commandIdSchema.safeParse(bodyCommandId), path: 'commandId' },
    {
      value: request.headers.get('idempotency-key'),
      parse: (raw) => (commandIdSchema.safeParse(raw).success ? raw : undefined),
      path: 'Idempotency-Key',
      message: 'Idempotency-Key must be 1 to 128 printable ASCII characters without spaces',
    },
  );
  const expectedVersion = pick<ExpectedVersion>(
    { present: 'expectedVersion' in body, parse: () => expectedVersionSchema.safeParse(bodyExpectedVersion), path: 'expectedVersion' },
    {
      value: request.headers.get('if-match'),
      parse: parseIfMatch,
      path: 'If-Match',
      message: 'If-Match must be a stream version such as 3 or "3", or *',
    },
  );

  const issues = [...commandId.issues, ...expectedVersion.issues];
  if (issues.length > 0) throw new ValidationError('Invalid request', issues);

  return { input, context: { actor, commandId: commandId.value, expectedVersion: expectedVersion.value } };
};
