import { NotFoundError } from '../../core/errors';
import { headVersion, versionAt } from '../../debugger/stream-probe';
import { createAggregateLoader } from '../../commands/aggregate-loaders';
import { UsageError, wholeNumberOption, type Command } from '../command';
import { envelopeJson, ledgerLine, ledgerTime, spacedJson } from '../format';
import { noExtraArgs, streamIdArg, timeArg } from '../stream-args';

const STEP_BATCH = 1_000;

export const replayCommand: Command = {
  name: 'replay',
  summary: "an aggregate's state (an account's…) at a version or a time, from its events",
  usage: `Usage: chronicle replay account-ID [--version N | --at TIME] [--steps] [--json]

Folds the stream's events through its aggregate's decider (account-…, transfer-…) (old events upcast as the server reads them;
from the nearest snapshot when there is one) and prints the state:
  at the head by default,
  after event N with --version N (0: before the first event),
  as it stood at TIME with --at (ISO 8601, UTC unless an offset is given; e.g. 2026-05-04T09:00:00Z).

Options:
  --version N   the state after the stream's N-th event
  --at TIME     the state after the last event recorded at or before TIME
  --steps       print every event up to that point, each followed by the state after it
  --json        {"streamId", "version", "head", "recordedAt", "state"} (with --steps: one line per event)`,
  options: { version: { type: 'string' }, at: { type: 'string' }, steps: { type: 'boolean' } },
  async run({ positionals, values }, context) {
    noExtraArgs(positionals, 1);
    const streamId = streamIdArg(positionals[0]);
    const aggregate = context.runtime.aggregates.ofStream(streamId);
    if (!aggregate) {
      const categories = context.runtime.aggregates.all.map((a) => `${a.category}-…`).join(', ');
      throw new UsageError(`${streamId} has no decider to fold it with (replay reads ${categories} streams); \`chronicle list --stream ${streamId}\` prints its events`);
    }
    if (values.version !== undefined && values.at !== undefined) throw new UsageError('Give --version or --at, not both');
    const store = context.eventStore();
    const head = await headVersion(store.stored, streamId);
    if (head === 0) throw new NotFoundError(`Stream ${streamId} does not exist`, 'stream_not_found');
    const requested = wholeNumberOption('version', values.version, 0);
    if (requested !== undefined && requested > head) throw new NotFoundError(`Stream ${streamId} has no version ${requested}; its head is ${head}`, 'version_not_found');
    const version = requested ?? (values.at !== undefined ? await versionAt(store.stored, streamId, timeArg('at', values.at as string), head) : head);

    if (values.steps) {
      let state: unknown = aggregate.decider.initialState();
      for (let from = 1; from <= version; from += STEP_BATCH) {
        for (const event of await store.readStream(streamId, { fromVersion: from, toVersion: Math.min(version, from + STEP_BATCH - 1) })) {
          state = aggregate.decider.evolve(state, event);
          if (context.json) context.outJson({ event: envelopeJson(event), state });
          else context.out(`${ledgerLine(event)}\n      v${event.streamVersion} → ${spacedJson(state)}`);
        }
      }
      if (!context.json) context.out(`${streamId} at version ${version} of ${head}`);
      return;
    }

    const loader = createAggregateLoader(store, aggregate, { snapshots: context.snapshotStore(), every: context.runtime.config.snapshotEvery, cache: false });
    const { state } = await loader.stateAt(streamId, version);
    const last = version === 0 ? null : (await store.stored.readStream(streamId, { fromVersion: version, toVersion: version }))[0];
    const recordedAt = last ? last.recordedAt.toISOString() : null;
    if (context.json) return context.outJson({ streamId, version, head, recordedAt, state });
    const when = last ? `, recorded ${ledgerTime(last.recordedAt)} UTC` : ' (before its first event)';
    context.out(`${streamId} at version ${version} of ${head}${when}`);
    context.out(JSON.stringify(state, null, 2));
  },
};
