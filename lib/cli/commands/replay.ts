import { NotFoundError } from '../../core/errors';
import { headVersion, versionAt } from '../../debugger/stream-probe';
import { accountDecider } from '../../domain/account/decider';
import type { AccountEvent } from '../../domain/account/events';
import { createAccountLoader } from '../../server/account-loader';
import { UsageError, wholeNumberOption, type Command } from '../command';
import { envelopeJson, ledgerLine, ledgerTime, spacedJson } from '../format';
import { isAccountStream, noExtraArgs, streamIdArg, timeArg } from '../stream-args';

const STEP_BATCH = 1_000;

export const replayCommand: Command = {
  name: 'replay',
  summary: "an account's state at a version or a time, from its events",
  usage: `Usage: chronicle replay account-ID [--version N | --at TIME] [--steps] [--json]

Folds the stream's events through the account decider (old events upcast as the server reads them;
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
    if (!isAccountStream(streamId)) throw new UsageError(`${streamId} has no decider to fold it with (replay reads account-… streams); \`chronicle list --stream ${streamId}\` prints its events`);
    if (values.version !== undefined && values.at !== undefined) throw new UsageError('Give --version or --at, not both');
    const store = context.eventStore();
    const head = await headVersion(store.stored, streamId);
    if (head === 0) throw new NotFoundError(`Stream ${streamId} does not exist`, 'stream_not_found');
    const requested = wholeNumberOption('version', values.version, 0);
    if (requested !== undefined && requested > head) throw new NotFoundError(`Stream ${streamId} has no version ${requested}; its head is ${head}`, 'version_not_found');
    const version = requested ?? (values.at !== undefined ? await versionAt(store.stored, streamId, timeArg('at', values.at as string), head) : head);

    if (values.steps) {
      let state = accountDecider.initialState();
      for (let from = 1; from <= version; from += STEP_BATCH) {
        for (const event of await store.readStream(streamId, { fromVersion: from, toVersion: Math.min(version, from + STEP_BATCH - 1) })) {
          state = accountDecider.evolve(state, event as unknown as AccountEvent);
          if (context.json) context.outJson({ event: envelopeJson(event), state });
          else context.out(`${ledgerLine(event)}\n      v${event.streamVersion} → ${spacedJson(state)}`);
        }
      }
      if (!context.json) context.out(`${streamId} at version ${version} of ${head}`);
      return;
    }

    const loader = createAccountLoader(store, context.snapshotStore(), false);
    const { state } = await loader.stateAt(streamId, version);
    const last = version === 0 ? null : (await store.stored.readStream(streamId, { fromVersion: version, toVersion: version }))[0];
    const recordedAt = last ? last.recordedAt.toISOString() : null;
    if (context.json) return context.outJson({ streamId, version, head, recordedAt, state });
    const when = last ? `, recorded ${ledgerTime(last.recordedAt)} UTC` : ' (before its first event)';
    context.out(`${streamId} at version ${version} of ${head}${when}`);
    context.out(JSON.stringify(state, null, 2));
  },
};
