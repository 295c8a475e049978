import { Presets, SingleBar } from 'cli-progress';
import { formatChange } from '../../migration/data-diff';
import { defaultMigrationTarget, migrateStream, type StreamMigrationReport } from '../../migration/migrate-stream';
import { UsageError, wholeNumberOption, type ParsedArgs } from '../command';
import type { CliContext } from '../context';
import { noExtraArgs, streamIdArg } from '../stream-args';

/** Streams this long get a progress bar. */
const LARGE_STREAM = 1_000;
/** Streams up to this long get their event-by-event mapping printed. */
const MAPPING_LINES = 20;

export const MIGRATE_STREAMS_USAGE = `       chronicle migrate streams STREAM [--to NEW_STREAM] [--apply] [--batch-size N]

\`migrate streams\` copies a stream into a new one with every event rewritten to its current schema
version (default target {category}_migrated-{id}); each copy's metadata.migratedFrom names its
original. A dry run unless --apply is given; the old stream is never changed and stays readable.`;

const versions = (from: number, to: number) => (from === to ? `v${from}` : `v${from} → v${to}`);

const printSummary = (context: CliContext, report: StreamMigrationReport) => {
  const width = Math.max(4, ...report.changes.map((change) => change.type.length));
  context.out(`\n  ${'type'.padEnd(width)}  ${'schema'.padEnd(16)}  events`);
  for (const change of report.changes) {
    const schema = change.from === change.to ? `${versions(change.from, change.to)} (current)` : versions(change.from, change.to);
    context.out(`  ${change.type.padEnd(width)}  ${schema.padEnd(16)}  ${String(change.events).padStart(6)}`);
  }
  if (report.samples.length === 0) context.out('\n  Every event is already at its current schema version: the copies differ only by their link.');
  for (const sample of report.samples) {
    context.out(`\n  ${sample.type} ${versions(sample.from, sample.to)}, e.g. version ${sample.sourceVersion}:`);
    for (const change of sample.changes) context.out(`    ${formatChange(change)}`);
  }
  context.out('');
};

/** `chronicle migrate streams …` (also `npm run streams:migrate -- …`). */
export const migrateStreams = async ({ positionals, values }: ParsedArgs, context: CliContext): Promise<number> => {
  noExtraArgs(positionals, 1);
  if (positionals[0] === undefined) throw new UsageError('STREAM is required');
  const source = streamIdArg(positionals[0]);
  const target = values.to === undefined ? defaultMigrationTarget(source) : streamIdArg(values.to as string, '--to');
  const batchSize = wholeNumberOption('batch-size', values['batch-size'], 1, 10_000) ?? 500;
  const apply = values.apply === true;
  const store = context.eventStore();
  let bar: SingleBar | null = null;
  try {
    const report = await migrateStream(store, {
      source,
      target,
      apply,
      batchSize,
      actor: context.actor,
      onProgress: (done, total) => {
        if (total < LARGE_STREAM || context.json) return;
        if (!bar) {
          bar = new SingleBar({ format: `${apply ? 'Copying' : 'Reading'}  [{bar}] {percentage}% | {value}/{total} events | {eta}s left` }, Presets.shades_classic);
          bar.start(total, 0);
        }
        bar.update(done);
      },
    });
    (bar as SingleBar | null)?.stop();
    bar = null;
    if (context.json) {
      context.outJson(report);
      return 0;
    }
    const range = `versions ${report.fromVersion}–${report.toVersion}`;
    if (report.copied === 0) {
      context.out(`${target} already holds every event of ${source} (${report.alreadyCopied}): nothing to copy.`);
    } else if (!report.applied) {
      const resume = report.alreadyCopied > 0 ? `, after the ${report.alreadyCopied} already copied` : '';
      context.out(`Dry run: would copy ${report.copied} events of ${source} (${range}${resume}) to ${target}.`);
      printSummary(context, report);
      context.out('Nothing was written. Run again with --apply to copy.');
    } else {
      context.out(`Copied ${report.copied} events of ${source} (${range}) to ${target}.`);
      printSummary(context, report);
      const copies = await store.stored.readStream(target, { fromVersion: report.fromVersion, limit: MAPPING_LINES });
      if (report.copied <= MAPPING_LINES) {
        for (const copy of copies) {
          const link = copy.metadata.migratedFrom as { version: number; eventId: string; schemaVersion: number };
          context.out(`  ${source}@${link.version} (${link.eventId}, v${link.schemaVersion}) → ${target}@${copy.streamVersion} (${copy.eventId}, v${copy.schemaVersion})`);
        }
      } else {
        context.out(`  ${source}@n → ${target}@n for n = ${report.fromVersion}…${report.toVersion}`);
      }
      context.out(
        `\nEach copy's metadata.migratedFrom names its original (stream, version, event id, stored schema version).` +
          `\n${source} is unchanged and readable; the copy is recorded in ${report.logStreamId}.`,
      );
    }
    return 0;
  } finally {
    (bar as SingleBar | null)?.stop();
  }
};
