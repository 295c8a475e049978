import { AggregateLoader } from '../../core/aggregate-loader';
import { NotFoundError } from '../../core/errors';
import { accountDecider } from '../../domain/account/decider';
import type { AccountEvent } from '../../domain/account/events';
import { ACCOUNT_STATE_SCHEMA_VERSION, type AccountState } from '../../domain/account/state';
import { UsageError, type Command } from '../command';
import { ledgerTime } from '../format';
import { isAccountStream, noExtraArgs, streamIdArg } from '../stream-args';

const accountStreamArg = (raw: string | undefined): string => {
  const streamId = streamIdArg(raw);
  if (!isAccountStream(streamId)) throw new UsageError(`Snapshots hold account state; ${streamId} is not an account stream`);
  return streamId;
};

export const snapshotCommand: Command = {
  name: 'snapshot',
  summary: "take, list or delete snapshots of an account's state",
  usage: `Usage: chronicle snapshot account-ID            take a snapshot at the stream's head now
       chronicle snapshot list account-ID       the stream's snapshots
       chronicle snapshot delete account-ID     remove the stream's snapshots
       chronicle snapshot delete --all          remove every snapshot

The snapshot's state is folded from the stream's events alone (no earlier snapshot is trusted)
and tagged with the current state schema version (${ACCOUNT_STATE_SCHEMA_VERSION}). Snapshots only speed up loading: deleting
them changes no answer, and the server takes them by itself every SNAPSHOT_EVERY events.

Options:
  --all    with delete: every stream's snapshots`,
  options: { all: { type: 'boolean' } },
  async run({ positionals, values }, context) {
    const [first, second] = positionals;
    const snapshots = context.snapshotStore();

    if (first === 'list') {
      noExtraArgs(positionals, 2);
      const streamId = accountStreamArg(second);
      const list = await snapshots.list(streamId);
      if (context.json) return context.outJson(list.map((info) => ({ ...info, createdAt: info.createdAt.toISOString(), current: info.stateSchemaVersion === ACCOUNT_STATE_SCHEMA_VERSION })));
      if (list.length === 0) return context.out(`${streamId} has no snapshots.`);
      context.out(`${'version'.padStart(9)}  taken                state schema`);
      for (const info of list) {
        const schema = `v${info.stateSchemaVersion}${info.stateSchemaVersion === ACCOUNT_STATE_SCHEMA_VERSION ? '' : ' (outdated: ignored)'}`;
        context.out(`${String(info.version).padStart(9)}  ${ledgerTime(info.createdAt)}  ${schema}`);
      }
      return;
    }

    if (first === 'delete') {
      if (values.all) noExtraArgs(positionals, 1);
      else noExtraArgs(positionals, 2);
      if (!values.all && second === undefined) throw new UsageError('Name a stream, or --all for every snapshot');
      const streamId = values.all ? undefined : accountStreamArg(second);
      const deleted = await snapshots.delete(streamId);
      if (context.json) return context.outJson({ streamId: streamId ?? null, deleted });
      return context.out(`Deleted ${deleted} snapshot(s)${streamId ? ` of ${streamId}` : ''}.`);
    }

    if (values.all) throw new UsageError('--all goes with delete');
    noExtraArgs(positionals, 1);
    const streamId = accountStreamArg(first);
    const loader = new AggregateLoader<AccountState, AccountEvent>(context.eventStore(), accountDecider);
    const { state, version } = await loader.load(streamId);
    if (version === 0) throw new NotFoundError(`Stream ${streamId} does not exist`, 'stream_not_found');
    const createdAt = new Date();
    await snapshots.save({ streamId, version, stateSchemaVersion: ACCOUNT_STATE_SCHEMA_VERSION, state, createdAt });
    if (context.json) return context.outJson({ streamId, version, stateSchemaVersion: ACCOUNT_STATE_SCHEMA_VERSION, createdAt: createdAt.toISOString() });
    context.out(`Snapshot of ${streamId} at version ${version} saved (state schema v${ACCOUNT_STATE_SCHEMA_VERSION}).`);
  },
};
