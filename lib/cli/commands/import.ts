import { readFileSync } from 'node:fs';
import { streamCategory, type NewEvent } from '../../core/envelope';
import { ConcurrencyError } from '../../core/errors';
import type { MigratedFrom } from '../../core/migrated-from';
import { createStoredEventStore } from '../../store/create-event-store';
import { UsageError, type Command } from '../command';
import { importedEventId, parseExport, sameImported, type ExportedEvent } from '../import-file';
import { noExtraArgs, streamIdArg } from '../stream-args';

/** Events appended per call at most; a call holds events recorded at one instant. */
const GROUP = 1_000;

export const importCommand: Command = {
  name: 'import',
  summary: 'append a stream exported by `chronicle export` to this database',
  usage: `Usage: chronicle import FILE [--stream NEW_ID] [--dry-run]

Reads a \`chronicle export\` file (- for standard input) and appends its events as a new stream.
Nothing is written unless every line is well-formed, the file is one whole stream (versions
1…n) and every hash in it checks out against the events above it (exit 3 for a malformed file,
8 for one edited after export).

Preserved: type, data and schema version (as stored, not upcast), metadata, recorded times and,
under the original stream id, event ids, so the new stream's hash chain is identical to the old
one. Not preserved: global positions, which are this database's order of arrival.

The stream must not exist yet (exit 6), unless it holds exactly the file's first events: then an
import that was cut short is continued, and a finished one is left as it is.

Options:
  --stream NEW_ID   import under another stream id (not into the account category, whose events
                    name their account). Events get new ids derived from the old ones and
                    metadata.migratedFrom naming their original, which marks them as copies
                    that projections do not count again; hashes then differ.
  --dry-run         check the file and report, write nothing`,
  options: { stream: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  async run({ positionals, values }, context) {
    noExtraArgs(positionals, 1);
    const file = positionals[0];
    if (file === undefined) throw new UsageError('FILE is required (- for standard input)');
    let text: string;
    try {
      text = readFileSync(file === '-' ? 0 : file, 'utf8');
    } catch (error) {
      throw new UsageError(`Cannot read ${file}: ${(error as Error).message}`);
    }
    const events = parseExport(text);
    const source = events[0]!.streamId;
    const target = values.stream === undefined ? source : streamIdArg(values.stream as string, '--stream');
    const renamed = target !== source;
    if (renamed && streamCategory(target) === 'account') {
      throw new UsageError(`Account events name their account (${source}): import them under their own id, or into another category such as archive-…`);
    }
    const planned = events.map((event) => toNewEvent(event, target, renamed));

    const config = context.config;
    let now = new Date(events[0]!.recordedAt);
    // The event's own recorded time goes in through the store's clock, so the hash chain can be reproduced.
    // A bulk load, so SQLite syncs at checkpoints only (NORMAL): safe against a crash of this process, and
    // an import cut short by a power cut is simply run again (it continues where the stream ends).
    const store = createStoredEventStore(config, { clock: () => now, synchronous: 'NORMAL' });
    context.onClose(() => store.close());
    const existing = await store.readStream(target);
    const resumable = existing.length <= planned.length && existing.every((stored, index) => sameImported(stored, planned[index]!.eventId!, events[index]!));
    if (existing.length > 0 && !resumable) {
      throw Object.assign(new ConcurrencyError(target, 'no_stream', existing.length), {
        message: `Stream ${target} already exists (version ${existing.length}) and is not an earlier import of this file: nothing written`,
      });
    }
    const summary = { file, source, target, events: planned.length, alreadyImported: existing.length, imported: 0, dryRun: values['dry-run'] === true };
    if (!summary.dryRun) {
      let version = existing.length;
      while (version < planned.length) {
        const at = events[version]!.recordedAt;
        let end = version + 1;
        while (end < planned.length && end - version < GROUP && events[end]!.recordedAt === at) end++;
        now = new Date(at);
        const result = await store.appendToStream(target, planned.slice(version, end), { expectedVersion: version === 0 ? 'no_stream' : version });
        version = result.nextExpectedVersion;
      }
      summary.imported = planned.length - existing.length;
    }
    const written = summary.dryRun ? [] : await store.readStream(target, { fromVersion: planned.length, toVersion: planned.length });
    const sameChain = !renamed && written[0]?.hash === events.at(-1)!.hash;
    if (context.json) return context.outJson({ ...summary, headHash: written[0]?.hash ?? null, identicalHashes: summary.dryRun ? null : sameChain });
    if (summary.imported === 0 && !summary.dryRun) {
      context.out(`${target} already holds all ${planned.length} events of ${file}: nothing to import.`);
      return;
    }
    if (summary.dryRun) {
      context.out(`${file}: ${planned.length} events of ${source}, hash chain intact. Would import as ${target}${existing.length ? ` (after the ${existing.length} already there)` : ''}; nothing written.`);
      return;
    }
    const resumed = existing.length > 0 ? ` (continuing after ${existing.length} already imported)` : '';
    context.out(`Imported ${summary.imported} events of ${source} as ${target}${resumed}.`);
    context.out(sameChain ? `Hash chain reproduced: head hash ${written[0]!.hash} equals the export's.` : `New head hash ${written[0]?.hash}.`);
  },
};

const toNewEvent = (event: ExportedEvent, target: string, renamed: boolean): NewEvent => ({
  eventId: renamed ? importedEventId(target, event.eventId) : event.eventId,
  type: event.type,
  data: event.data,
  schemaVersion: event.schemaVersion,
  metadata: renamed ? { ...event.metadata, migratedFrom: linkTo(event) } : event.metadata,
});

/** A renamed copy restates facts its original recorded: marked as a copy, projections skip it (as they skip `migrate streams` copies). */
const linkTo = (event: ExportedEvent): MigratedFrom => ({
  streamId: event.streamId,
  version: event.streamVersion,
  eventId: event.eventId,
  schemaVersion: event.schemaVersion,
  globalPosition: event.globalPosition,
  recordedAt: event.recordedAt,
});
