import type { AnyAggregate } from '../../core/aggregate';
import { AggregateLoader } from '../../core/aggregate-loader';
import { NotFoundError } from '../../core/errors';
import { AGGREGATES } from '../../runtime/aggregates';
import { UsageError, type Command } from '../command';
import type { CliContext } from '../context';
import { ledgerTime } from '../format';
import { noExtraArgs, streamIdArg } from '../stream-args';

/** A stream of an aggregate that keeps snapshots (one with a state schema version), and that aggregate. */
const snapshottedStream = (raw: string | undefined, context: CliContext): { streamId: string; aggregate: AnyAggregate & { stateSchemaVersion: number } } => {
  const streamId = streamIdArg(raw);
  const aggregate = context.runtime.aggregates.ofStream(streamId);
  if (!aggregate || aggregate.stateSchemaVersion === undefined) {
    throw new UsageError(`Snapshots hold the state of ${snapshotKinds()}; ${streamId} is not such a stream`);
  }
  return { streamId, aggregate: aggregate as AnyAggregate & { stateSchemaVersion: number } };
};

const snapshotKinds = () =>
  AGGREGATES.filter((aggregate) => aggregate.stateSchemaVersion !== undefined)
    .map((aggregate) => `${aggregate.name}s (${aggregate.category}-…, state schema v${aggregate.stateSchemaVersion})`)
    .join(', ');

export const snapshotCommand: Command = {
  name: 'snapshot',
  summary: "take, list or delete snapshots of an aggregate's state (an account's…)",
  usage: `Usage: chronicle snapshot account-ID            take a snapshot at the stream's head now
       chronicle snapshot list account-ID       the stream's snapshots
       chronicle snapshot delete account-ID     remove the stream's snapshots
       chronicle snapshot delete --all          remove every snapshot

The snapshot's state is folded from the stream's events alone (no earlier snapshot is trusted)
and tagged with its aggregate's current state schema version: ${snapshotKinds()}.
Snapshots only speed up loading: deleting
them changes no answer, and the server takes them by itself every SNAPSHOT_EVERY events.

Options:
  --all    with delete: every stream's snapshots`,
  options: { all: { type: 'boolean' } },
  async run({ positionals, values }, context) {
    const [first, second] = positionals;
    const snapshots = context.snapshotStore();

    if (first === 'list') {
      noExtraArgs(positionals, 2);
      const { streamId, aggregate } = snapshottedStream(second, context);
      const current = aggregate.stateSchemaVersion;
      const list = await snapshots.list(streamId);
      if (context.json) return context.outJson(list.map((info) => ({ ...info, createdAt: info.createdAt.toISOString(), current: info.stateSchemaVersion === current })));
      if (list.length === 0) return context.out(`${streamId} has no snapshots.`);
      context.out(`${'version'.padStart(9)}  taken                state schema`);
      for (const info of list) {
        const schema = `v${info.stateSchemaVersion}${info.stateSchemaVersion === current ? '' : ' (outdated: ignored)'}`;
        context.out(`${String(info.version).padStart(9)}  ${ledgerTime(info.createdAt)}  ${schema}`);
      }
      return;
    }

    if (first === 'delete') {
      if (values.all) noExtraArgs(positionals, 1);
      else noExtraArgs(positionals, 2);
      if (!values.all && second === undefined) throw new UsageError('Name a stream, or --all for every snapshot');
      const streamId = values.all ? undefined : snapshottedStream(second, context).streamId;
      const deleted = await snapshots.delete(streamId);
      if (context.json) return context.outJson({ streamId: streamId ?? null, deleted });
      return context.out(`Deleted ${deleted} snapshot(s)${streamId ? ` of ${streamId}` : ''}.`);
    }

    if (values.all) throw new UsageError('--all goes with delete');
    noExtraArgs(positionals, 1);
    const { streamId, aggregate } = snapshottedStream(first, context);
    const stateSchemaVersion = aggregate.stateSchemaVersion;
    const loader = new AggregateLoader<unknown, unknown>(context.eventStore(), aggregate.decider);
    const { state, version } = await loader.load(streamId);
    if (version === 0) throw new NotFoundError(`Stream ${streamId} does not exist`, 'stream_not_found');
    const createdAt = new Date();
    await snapshots.save({ streamId, version, stateSchemaVersion, state, createdAt });
    if (context.json) return context.outJson({ streamId, version, stateSchemaVersion, createdAt: createdAt.toISOString() });
    context.out(`Snapshot of ${streamId} at version ${version} saved (state schema v${stateSchemaVersion}).`);
  },
};
