import { closeSync, existsSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { NotFoundError } from '../../core/errors';
import { UsageError, type Command } from '../command';
import { envelopeJson } from '../format';
import { noExtraArgs, streamIdArg } from '../stream-args';

const BATCH = 1_000;

export const exportCommand: Command = {
  name: 'export',
  summary: 'write a stream as JSON lines, every event exactly as stored',
  usage: `Usage: chronicle export STREAM [--out FILE] [--force]

Writes one JSON object per event, in version order: eventId, streamId, streamVersion,
globalPosition, type, schemaVersion, data, metadata, recordedAt and hash, as stored (old schema
versions are not upcast, so the hash chain can be checked against the file). \`chronicle import\`
reads it back.

Options:
  --out FILE   write to FILE instead of standard output (written whole or not at all)
  --force      overwrite FILE if it exists`,
  options: { out: { type: 'string', short: 'o' }, force: { type: 'boolean' } },
  async run({ positionals, values }, context) {
    noExtraArgs(positionals, 1);
    const streamId = streamIdArg(positionals[0]);
    const out = values.out as string | undefined;
    if (out !== undefined && existsSync(out) && !values.force) throw new UsageError(`${out} exists; add --force to overwrite it`);
    const store = context.eventStore().stored;
    const partial = out === undefined ? undefined : `${out}.partial-${process.pid}`;
    let fd = partial === undefined ? undefined : openSync(partial, 'w');
    const write = (text: string) => (fd === undefined ? context.out(text) : writeSync(fd, `${text}\n`));
    let count = 0;
    try {
      for (let from = 1; ; from += BATCH) {
        const batch = await store.readStream(streamId, { fromVersion: from, limit: BATCH });
        if (batch.length > 0) write(batch.map((event) => JSON.stringify(envelopeJson(event))).join('\n'));
        count += batch.length;
        if (batch.length < BATCH) break;
      }
      if (count === 0) throw new NotFoundError(`Stream ${streamId} does not exist`, 'stream_not_found');
      if (fd !== undefined) {
        closeSync(fd);
        fd = undefined;
        renameSync(partial!, out!);
      }
    } catch (error) {
      if (fd !== undefined) closeSync(fd);
      if (partial !== undefined) rmSync(partial, { force: true });
      throw error;
    }
    if (out !== undefined) context.err(`Exported ${count} events of ${streamId} to ${out}`);
  },
};
