import { z } from 'zod';
import type { AnyAggregate } from '../../core/aggregate';
import type { DispatchResult } from '../../commands/dispatch';
import { jsonResponse } from '../http/responses';
import { commandResultSchema } from '../http/schemas';

/*
 * What a command answers over HTTP. By default `{ [idField]: id, version, globalPosition }`, 201
 * for a command that creates its stream and 200 otherwise, with the version as ETag; an aggregate
 * whose commands answer otherwise (a transfer: 202 and where to follow it) names its answer here.
 */

export type CommandAnswer = {
  status: number;
  description: string;
  schema: z.ZodType;
  headers: z.ZodObject;
  /** Whether the command may carry an expected version (If-Match); a new stream of a process may not. */
  takesExpectedVersion: boolean;
  respond: (result: DispatchResult) => Response | Promise<Response>;
};

const replayed = z.literal('true').optional().meta({ description: '`true` when the command id had been handled before and nothing was written' });

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** The answer every command gives unless its aggregate says otherwise. */
export const defaultAnswer = (aggregate: AnyAggregate, creates: boolean): CommandAnswer => {
  const status = creates ? 201 : 200;
  return {
    status,
    description: creates ? `${capitalised(aggregate.name)} created` : 'Command applied',
    schema: commandResultSchema(aggregate.idField, capitalised(aggregate.name)),
    headers: z.object({
      ETag: z.string().meta({ description: 'The stream version after the command, quoted; usable as If-Match' }),
      'Idempotent-Replayed': replayed,
    }),
    takesExpectedVersion: true,
    respond: (result) =>
      jsonResponse({ [aggregate.idField]: result.id, version: result.version, globalPosition: result.globalPosition }, status, {
        ETag: `"${result.version}"`,
        ...(result.duplicate ? { 'Idempotent-Replayed': 'true' } : {}),
      }),
  };
};
