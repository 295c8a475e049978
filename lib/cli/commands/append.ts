import { streamCategory } from '../../core/envelope';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { idOfStream, isPublicCommand, type AnyAggregate } from '../../core/aggregate';
import type { AggregateRegistry } from '../../core/aggregate-registry';
import { ConcurrencyError, ValidationError } from '../../core/errors';
import type { ExpectedVersion } from '../../core/event-store';
import { createAggregateLoader } from '../../commands/aggregate-loaders';
import { dispatchCommand } from '../../commands/dispatch';
import { commandIdSchema } from '../../commands/validation';
import { AGGREGATES } from '../../runtime/aggregates';
import { UsageError, wholeNumberOption, type Command } from '../command';
import { jsonArg } from '../json-input';
import { streamIdArg } from '../stream-args';
import { trackedSnapshots } from '../tracked-snapshots';

/** Streams written by Chronicle's own tools (stream migration): copies of an aggregate's streams, and their records. */
const isToolCategory = (category: string, aggregates: AggregateRegistry): boolean =>
  category === 'migration' || aggregates.all.some((aggregate) => category === `${aggregate.category}_migrated`);

/** The commands a person may send (not those only the system issues), by name. */
const publicCommands = (aggregate: AnyAggregate) => Object.entries(aggregate.commands).filter(([, spec]) => isPublicCommand(spec));

const commandNamed = (aggregate: AnyAggregate, type: string): string | undefined =>
  publicCommands(aggregate).find(([name, spec]) => name === type.toLowerCase() || spec.type === type)?.[0];

/** Every aggregate's commands with an example input, for the help text. */
const commandTable = (): string =>
  AGGREGATES.map(
    (aggregate) =>
      `${aggregate.category}-ID: ${publicCommands(aggregate)
        .map(([name, spec]) => `\n  ${name.padEnd(10)} ${spec.type.padEnd(16)} ${spec.example ? JSON.stringify(spec.example) : '{…}'}`)
        .join('')}`,
  ).join('\n');

/*
 * The command handler retries conflicts itself, briefly; a fresh process racing a busy server's
 * warm connections can still lose all of those, so it tries a few more rounds after a pause.
 * Not when the caller named a version: then a conflict is the answer.
 */
const CONFLICT_ROUNDS = 4;
const retryConflicts = async <T>(attempt: () => Promise<T>, rounds: number): Promise<T> => {
  for (let round = 1; ; round++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || round >= rounds) throw error;
      await sleep(100 + Math.random() * 200 * round);
    }
  }
};

const expectedVersionArg = (raw: unknown): ExpectedVersion | undefined => {
  if (raw === undefined) return undefined;
  const text = String(raw);
  if (text === 'any' || text === 'no_stream' || text === 'stream_exists') return text;
  return wholeNumberOption('expected-version', text, 0);
};

export const appendCommand: Command = {
  name: 'append',
  summary: 'send a command to an aggregate (an account…), or append a raw event to a non-domain stream',
  usage: `Usage: chronicle append account-ID COMMAND [DATA_JSON] [--expected-version V] [--command-id ID]
       chronicle append STREAM EVENT_TYPE DATA_JSON --raw [--expected-version V] [--schema-version N]

An aggregate's streams are written only by its decider: COMMAND is one of
${commandTable()}
Amounts are integer minor units (cents). The command is validated, decided against the stream's
current state and its events appended, exactly as the web app does; a refused command writes nothing
(exit 3 for invalid input, 4 for a business rule such as insufficient_funds). Event types such as
MoneyDeposited are refused on account streams: the ledger's facts come from decisions.

--raw appends one event of any type to a stream outside the domain (e.g. ops-notes), as written.
It is refused for an aggregate's streams and for the streams Chronicle's tools write (account_migrated-…,
migration-…).

DATA_JSON may be - to read it from standard input.

Options:
  --expected-version V  any | no_stream | stream_exists | N: append only if the stream is there
                        (exit 6 otherwise, nothing written)
  --command-id ID       idempotency key: the same id again writes nothing and reports the first result
  --raw                 append an event as given (non-domain streams only)
  --schema-version N    the raw event's schema version (default 1)
  --json                print the result as JSON`,
  options: {
    raw: { type: 'boolean' },
    'expected-version': { type: 'string' },
    'command-id': { type: 'string' },
    'schema-version': { type: 'string' },
  },
  async run({ positionals, values }, context) {
    const [rawStream, type, data, extra] = positionals;
    if (extra !== undefined) throw new UsageError(`Unexpected argument "${extra}"`);
    const streamId = streamIdArg(rawStream);
    if (type === undefined) throw new UsageError('COMMAND (or EVENT_TYPE with --raw) is required');
    const expectedVersion = expectedVersionArg(values['expected-version']);
    const category = streamCategory(streamId);
    const report = (result: { streamId: string; version: number; globalPosition: number; duplicate: boolean }, what: string) => {
      if (context.json) return context.outJson(result);
      context.out(
        result.duplicate
          ? `${what} was already recorded under this command id: nothing written (${result.streamId} is at version ${result.version}).`
          : `${what} → ${result.streamId} version ${result.version} (global position ${result.globalPosition})`,
      );
    };

    const aggregates = context.runtime.aggregates;
    const aggregate = aggregates.ofStream(streamId);
    if (values.raw) {
      if (aggregate) throw new UsageError(`${streamId} is an ${aggregate.name} stream: send a command instead of --raw (see COMMAND above)`);
      if (isToolCategory(category, aggregates)) throw new UsageError(`${category}-… streams are written by \`chronicle migrate streams\` only`);
      if (!/^[A-Z][A-Za-z0-9]{0,99}$/.test(type)) throw new UsageError(`Event types are PascalCase names in the past tense, e.g. NoteRecorded; got "${type}"`);
      const payload = jsonArg(data, 'DATA_JSON');
      if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
        throw new ValidationError('Invalid event data', [{ path: 'DATA_JSON', message: 'Event data must be a JSON object' }]);
      }
      const commandId = values['command-id'] as string | undefined;
      if (commandId !== undefined && !commandIdSchema.safeParse(commandId).success) {
        throw new ValidationError('Invalid command id', [{ path: '--command-id', message: 'Command id must be 1–128 printable ASCII characters without spaces' }]);
      }
      const result = await context.eventStore().stored.appendToStream(
        streamId,
        [{ type, data: payload, schemaVersion: wholeNumberOption('schema-version', values['schema-version'], 1) ?? 1, metadata: { actor: context.actor } }],
        { expectedVersion, commandId },
      );
      return report({ streamId, version: result.nextExpectedVersion, globalPosition: result.lastGlobalPosition, duplicate: result.duplicate }, type);
    }

    if (!aggregate) throw new UsageError(`${streamId} has no decider: use --raw to append an event to it as given`);
    if (values['schema-version'] !== undefined) throw new UsageError('--schema-version goes with --raw only');
    const name = commandNamed(aggregate, type);
    if (!name) {
      const hint = aggregate.debugger.eventTypes.includes(type) ? ` (${type} is an event: ${aggregate.name} events come from commands)` : '';
      const names = publicCommands(aggregate).map(([command]) => command);
      throw new UsageError(`Unknown ${aggregate.name} command "${type}"${hint}. Commands: ${names.join(', ')}`);
    }
    const store = context.eventStore();
    // Load as the server does: from the newest snapshot plus the events after it; a snapshot due after
    // the append is written before the command returns (the server writes it off the request's path).
    const snapshots = trackedSnapshots(context.snapshotStore());
    const loader = createAggregateLoader<never, never>(store, aggregate, { snapshots, every: context.runtime.config.snapshotEvery, cache: false });
    const input = jsonArg(data, 'DATA_JSON', {});
    // One command id across attempts, so a retry can never write the command twice.
    const commandId = (values['command-id'] as string | undefined) ?? randomUUID();
    const dispatch = () =>
      dispatchCommand(store, aggregate, name, idOfStream(aggregate, streamId), input, { actor: context.actor, commandId, expectedVersion }, { loader });
    const result = await retryConflicts(dispatch, expectedVersion === undefined ? CONFLICT_ROUNDS : 1);
    await snapshots.settled();
    report({ streamId, version: result.version, globalPosition: result.globalPosition, duplicate: result.duplicate }, aggregate.commands[name]!.type);
  },
};
