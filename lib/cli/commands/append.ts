import { streamCategory } from '../../core/envelope';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConcurrencyError, ValidationError } from '../../core/errors';
import type { ExpectedVersion } from '../../core/event-store';
import { ACCOUNT_EVENT_TYPES } from '../../domain/account/events';
import { ACCOUNT_COMMANDS, commandIdSchema, dispatchAccountCommand, type AccountCommandName } from '../../server/account-commands';
import { createAccountLoader } from '../../server/account-loader';
import { UsageError, wholeNumberOption, type Command } from '../command';
import { jsonArg } from '../json-input';
import { streamIdArg } from '../stream-args';
import { trackedSnapshots } from '../tracked-snapshots';

/** Streams whose events only their decider may write. */
const DOMAIN_CATEGORIES = new Set(['account']);
/** Streams written by Chronicle's own tools (stream migration). */
const TOOL_CATEGORIES = new Set(['account_migrated', 'migration']);

const COMMAND_NAMES = Object.keys(ACCOUNT_COMMANDS) as AccountCommandName[];
const commandNamed = (type: string): AccountCommandName | undefined =>
  COMMAND_NAMES.find((name) => name === type.toLowerCase() || ACCOUNT_COMMANDS[name].type === type);

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
  summary: 'send a command to an account, or append a raw event to a non-domain stream',
  usage: `Usage: chronicle append account-ID COMMAND [DATA_JSON] [--expected-version V] [--command-id ID]
       chronicle append STREAM EVENT_TYPE DATA_JSON --raw [--expected-version V] [--schema-version N]

Account streams are written only by the account decider: COMMAND is one of
  open       OpenAccount    {"owner": "Ada Lovelace", "currency": "EUR", "holderKind": "person", "overdraftLimit": 0}
  deposit    DepositMoney   {"amount": 1250, "currency": "EUR", "description": "…"}
  withdraw   WithdrawMoney  {"amount": 500}
  interest   ApplyInterest  {"rateBasisPoints": 150, "periodStart": "…", "periodEnd": "…"}
  close      CloseAccount   {"reason": "…"}
Amounts are integer minor units (cents). The command is validated, decided against the account's
current state and its events appended, exactly as the web app does; a refused command writes nothing
(exit 3 for invalid input, 4 for a business rule such as insufficient_funds). Event types such as
MoneyDeposited are refused on account streams: the ledger's facts come from decisions.

--raw appends one event of any type to a stream outside the domain (e.g. ops-notes), as written.
It is refused for account streams and for the streams Chronicle's tools write (account_migrated-…,
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

    if (values.raw) {
      if (DOMAIN_CATEGORIES.has(category)) throw new UsageError(`${streamId} is an account stream: send a command instead of --raw (see COMMAND above)`);
      if (TOOL_CATEGORIES.has(category)) throw new UsageError(`${category}-… streams are written by \`chronicle migrate streams\` only`);
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

    if (!DOMAIN_CATEGORIES.has(category)) throw new UsageError(`${streamId} has no decider: use --raw to append an event to it as given`);
    if (values['schema-version'] !== undefined) throw new UsageError('--schema-version goes with --raw only');
    const name = commandNamed(type);
    if (!name) {
      const hint = (ACCOUNT_EVENT_TYPES as readonly string[]).includes(type) ? ` (${type} is an event: account events come from commands)` : '';
      throw new UsageError(`Unknown account command "${type}"${hint}. Commands: ${COMMAND_NAMES.join(', ')}`);
    }
    const store = context.eventStore();
    // Load as the server does: from the newest snapshot plus the events after it; a snapshot due after
    // the append is written before the command returns (the server writes it off the request's path).
    const snapshots = trackedSnapshots(context.snapshotStore());
    const loader = createAccountLoader(store, snapshots, false);
    const input = jsonArg(data, 'DATA_JSON', {});
    // One command id across attempts, so a retry can never write the command twice.
    const commandId = (values['command-id'] as string | undefined) ?? randomUUID();
    const dispatch = () =>
      dispatchAccountCommand(store, name, streamId.slice('account-'.length), input, { actor: context.actor, commandId, expectedVersion }, loader);
    const result = await retryConflicts(dispatch, expectedVersion === undefined ? CONFLICT_ROUNDS : 1);
    await snapshots.settled();
    report({ streamId, version: result.version, globalPosition: result.globalPosition, duplicate: result.duplicate }, ACCOUNT_COMMANDS[name].type);
  },
};
