import { setTimeout as sleep } from 'node:timers/promises';
import type { RecordedEvent } from '../../core/envelope';
import { streamCategory } from '../../core/envelope';
import type { EventStore } from '../../core/event-store';
import { UsageError, wholeNumberOption, type Command } from '../command';
import { envelopeJson, ledgerLine } from '../format';
import { noExtraArgs, streamIdArg } from '../stream-args';

const BATCH = 1_000;
const FOLLOW_POLL_MS = 250;

export const listCommand: Command = {
  name: 'list',
  summary: 'print events in global order, one line each',
  usage: `Usage: chronicle list [--stream STREAM | --category CATEGORY] [--from POSITION] [--limit N] [--follow] [--raw] [--json]

Prints events in global order as
  [001] 2025-12-28 10:00:00 | MoneyDeposited | {"accountId": "…", "amount": 1250, "currency": "EUR"}
(global position, recorded time in UTC, type, data). Data is shown at its current schema version
(old events upcast as the server reads them); --raw shows it as stored.

Options:
  --stream STREAM      only this stream
  --category CATEGORY  only streams {CATEGORY}-…, e.g. account
  --from POSITION      start at this global position (inclusive; default 1)
  --limit N            at most N events
  --follow             keep printing new events as they are appended (Ctrl-C to stop)
  --raw                data as stored, not upcast
  --json               one JSON object per line: the whole envelope (ids, metadata, hash)`,
  options: {
    stream: { type: 'string' },
    category: { type: 'string' },
    from: { type: 'string' },
    limit: { type: 'string' },
    follow: { type: 'boolean' },
    raw: { type: 'boolean' },
  },
  async run({ positionals, values }, context) {
    noExtraArgs(positionals, 0);
    if (values.stream !== undefined && values.category !== undefined) throw new UsageError('Give --stream or --category, not both');
    const streamId = values.stream === undefined ? undefined : streamIdArg(values.stream as string, '--stream');
    const category = values.category as string | undefined;
    if (category !== undefined && !/^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(category)) throw new UsageError(`Invalid category "${category}"`);
    const from = wholeNumberOption('from', values.from, 1) ?? 1;
    const limit = wholeNumberOption('limit', values.limit, 1);
    const upcasting = context.eventStore();
    const store: EventStore = values.raw ? upcasting.stored : upcasting;
    const print = (event: RecordedEvent) => (context.json ? context.outJson(envelopeJson(event)) : context.out(ledgerLine(event)));

    let printed = 0;
    let after = from - 1;
    let version = 0;
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      for (;;) {
        const batch = streamId
          ? await store.readStream(streamId, { fromVersion: version + 1, limit: BATCH })
          : await store.readAll({ fromPosition: after, limit: BATCH });
        for (const event of batch) {
          version = event.streamVersion;
          after = Math.max(after, event.globalPosition);
          if (streamId && event.globalPosition < from) continue;
          if (category !== undefined && streamCategory(event.streamId) !== category) continue;
          print(event);
          if (limit !== undefined && ++printed >= limit) return;
        }
        if (batch.length === BATCH) continue;
        if (!values.follow || stop.signal.aborted) return;
        await sleep(FOLLOW_POLL_MS, undefined, { signal: stop.signal }).catch(() => undefined);
        if (stop.signal.aborted) return;
      }
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
};
