import { z } from 'zod';
import { isPublicCommand, type AnyAggregate, type CommandSpec } from '../../core/aggregate';
import type { AggregateRegistry } from '../../core/aggregate-registry';
import { NotFoundError, ValidationError } from '../../core/errors';
import { commandIdSchema } from '../../commands/validation';
import { commandAction } from '../../auth/policy';
import { defineRoute, type NextContext, type RouteDefinition, type RouteHandler } from '../http/define-route';
import { entityId } from '../http/query';
import type { ResponseDocs } from '../http/route-responses';
import { commandRequest, expectedVersionSchema } from '../http/request-context';
import { errorResponse } from '../http/responses';
import { webRuntime } from '../web-runtime';
import { defaultAnswer, type CommandAnswer } from './command-answers';
import { transferAccepted } from './transfers';

/*
 * Every registered aggregate's commands over HTTP, generated from the registry: `POST
 * /api/{collection}` for the command that creates a stream (the server picks the id), `POST
 * /api/{collection}/{id}/{command}` for the others; internal and hidden commands have none. The dynamic
 * routes under app/api/[collection] find the definition at request time, so an aggregate added
 * to the runtime's registry is served and documented without a route of its own.
 */

/** Answers other than the default, by `aggregate.command`. */
const ANSWERS: Record<string, CommandAnswer> = { 'transfer.send': transferAccepted };

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

const headers = (answer: CommandAnswer) =>
  z.object({
    'Idempotency-Key': commandIdSchema.optional().meta({ description: 'Command id. Sending it again returns the first answer and writes nothing.' }),
    ...(answer.takesExpectedVersion
      ? {
          'If-Match': z
            .string()
            .regex(/^(\d+|"\d+"|\*)$/)
            .optional()
            .meta({ description: 'Expected stream version: `3`, `"3"` (the ETag of a previous answer) or `*` (the stream must exist). A mismatch is 409.' }),
        }
      : {}),
  });

/** The command's own fields plus the request's: what the edge strips before the command's strict schema runs. */
const requestBody = (spec: CommandSpec<never>, answer: CommandAnswer) => {
  const shape = spec.input instanceof z.ZodObject ? (spec.input.shape as z.ZodRawShape) : {};
  return z
    .object({
      ...shape,
      commandId: commandIdSchema.optional().meta({ description: 'Idempotency key; same as the Idempotency-Key header' }),
      ...(answer.takesExpectedVersion ? { expectedVersion: expectedVersionSchema.optional().meta({ description: 'Optimistic concurrency; same as the If-Match header' }) } : {}),
    })
    .strict()
    .meta({ id: `${spec.type}Request`, ...(spec.example ? { examples: [spec.example] } : {}) });
};

const rulesText = (aggregate: AnyAggregate, spec: CommandSpec<never>) =>
  spec.rules.map((code) => `\`${code}\`: ${aggregate.rules[code] ?? code}`).join('; ');

const responsesOf = (aggregate: AnyAggregate, spec: CommandSpec<never>, answer: CommandAnswer): ResponseDocs => {
  const responses: ResponseDocs = { [answer.status]: { description: answer.description, schema: answer.schema, headers: answer.headers } };
  if (!spec.creates) responses[404] = `\`${aggregate.name}_not_found\``;
  if (answer.takesExpectedVersion) responses[409] = '`version_conflict`: the stream is not at the expected version; nothing was written';
  if (spec.rules.length > 0) responses[422] = `A business rule refused the command. Codes: ${rulesText(aggregate, spec)}`;
  return responses;
};

const build = (aggregate: AnyAggregate, name: string): RouteDefinition => {
  const spec = aggregate.commands[name]!;
  const creates = spec.creates === true;
  const answer = ANSWERS[`${aggregate.name}.${name}`] ?? defaultAnswer(aggregate, creates);
  const notFound = (id: string) => new NotFoundError(`${capitalised(aggregate.name)} ${id} does not exist`, `${aggregate.name}_not_found`);
  const body = requestBody(spec, answer);
  const idParams = z.object({ [aggregate.idField]: entityId.meta({ description: `The ${aggregate.name} id` }) });
  return defineRoute({
    method: 'POST',
    path: creates ? `/api/${aggregate.collection}` : `/api/${aggregate.collection}/{${aggregate.idField}}/${name}`,
    operationId: spec.type.charAt(0).toLowerCase() + spec.type.slice(1),
    summary: spec.summary,
    tag: aggregate.collection,
    auth: { action: commandAction(aggregate, name) },
    ...(creates ? {} : { params: idParams, invalidParams: (raw: Record<string, string>) => notFound(raw[aggregate.idField] ?? '') }),
    headers: headers(answer),
    body: { schema: body, required: !body.safeParse({}).success, validation: 'handler' },
    responses: responsesOf(aggregate, spec, answer),
    handle: async ({ request, principal, params, body }) => {
      const { input, context } = commandRequest(request, body as Record<string, unknown>, principal.id);
      if (!answer.takesExpectedVersion && context.expectedVersion !== undefined) {
        throw new ValidationError('Invalid request', [{ path: 'expectedVersion', message: `A ${aggregate.name} is a new stream; it takes no expected version` }]);
      }
      const id = creates ? undefined : (params as Record<string, string>)[aggregate.idField];
      const result = await webRuntime().sendAs(principal, aggregate.name, name, id, input, context);
      return answer.respond(result);
    },
  });
};

const definitions = new WeakMap<AnyAggregate, Map<string, RouteDefinition>>();

/** The route of one command, built once per aggregate definition (its schemas keep their identity in the document). */
export const commandRoute = (aggregate: AnyAggregate, name: string): RouteDefinition => {
  if (!definitions.has(aggregate)) definitions.set(aggregate, new Map());
  const routes = definitions.get(aggregate)!;
  if (!routes.has(name)) routes.set(name, build(aggregate, name));
  return routes.get(name)!;
};

/** Every command any registered aggregate takes over HTTP. */
export const commandRoutes = (aggregates: AggregateRegistry): RouteDefinition[] =>
  aggregates
    .commands()
    .filter(({ spec }) => isPublicCommand(spec))
    .map(({ aggregate, name }) => commandRoute(aggregate, name));

const creatingCommand = (aggregate: AnyAggregate): string | undefined =>
  Object.entries(aggregate.commands).find(([, spec]) => spec.creates && isPublicCommand(spec))?.[0];

const noRoute = (what: string) => new NotFoundError(`There is no ${what}`, 'not_found');

/** POST /api/{collection}: the collection's creating command. */
export const createHandler =
  (fixedCollection?: string): RouteHandler =>
  async (request, context) => {
    try {
      const collection = fixedCollection ?? (await context?.params)?.collection ?? '';
      const aggregate = webRuntime().aggregates.ofCollection(collection);
      const name = creatingCommand(aggregate);
      if (!name) throw noRoute(`command that creates ${aggregate.collection}`);
      return await commandRoute(aggregate, name).handler(request, { params: Promise.resolve({}) });
    } catch (error) {
      return errorResponse(error);
    }
  };

/** POST /api/{collection}/{id}/{command}: any other command of the collection's aggregate. */
export const commandHandler: RouteHandler = async (request, context) => {
  try {
    const { collection = '', id = '', command = '' } = (await context?.params) ?? {};
    const aggregate = webRuntime().aggregates.ofCollection(collection);
    const spec = Object.hasOwn(aggregate.commands, command) ? aggregate.commands[command] : undefined;
    if (!spec || !isPublicCommand(spec) || spec.creates) throw noRoute(`command ${command} on ${aggregate.collection}`);
    return await commandRoute(aggregate, command).handler(request, { params: Promise.resolve({ [aggregate.idField]: id }) });
  } catch (error) {
    return errorResponse(error);
  }
};

/** One aggregate command's handler, for tests and callers that know it by name: `{ params: { accountId } }`. */
export const commandHandlerOf =
  (aggregate: string, name: string): RouteHandler =>
  (request: Request, context?: NextContext) =>
    commandRoute(webRuntime().aggregates.named(aggregate), name).handler(request, context);
