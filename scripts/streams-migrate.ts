/**
 * `npm run streams:migrate -- <streamId> [--to <newStreamId>] [--apply]`:
 * copies a stream into a new one with every event rewritten to its current
 * schema version. A dry run by default: it prints what would change and
 * writes nothing. The old stream is never changed and stays readable.
 */
import { Presets, SingleBar } from 'cli-progress';
import { parseArgs } from 'node:util';
import { UnavailableError } from '../lib/core/errors';
import { formatChange } from '../lib/migration/data-diff';
import { defaultMigrationTarget, migrateStream, StreamMigrationRefused, type StreamMigrationReport } from '../lib/migration/migrate-stream';
import { createEventStore } from '../lib/server/event-store';
import { streamIdSchema } from '../lib/server/http/stream-query';

const USAGE = 'Usage: npm run streams:migrate -- <streamId> [--to <newStreamId>] [--apply] [--batch-size N]';
/** Streams this long get a progress bar. */
const LARGE_STREAM = 1_000;
/** Streams up to this long get their event-by-event mapping printed. */
const MAPPING_LINES = 20;

const fail = (message: string): never => {
  console.error(message);
  process.exit(2);
};

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { to: { type: 'string' }, apply: { type: 'boolean', default: false }, 'batch-size': { type: 'string', default: '500' }, help: { type: 'boolean' } },
    });
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
})();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals.length !== 1) fail(USAGE);
const source = positionals[0]!;
const target = values.to ?? defaultMigrationTarget(source);
for (const [what, id] of [['stream id', source], ['target stream id', target]] as const) {
  if (!streamIdSchema.safeParse(id).success) fail(`Invalid ${what} "${id}": stream ids look like {category}-{id}, e.g. account-legacy-000417`);
}
const batchSize = Number(values['batch-size']);
if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) fail('--batch-size must be a whole number from 1 to 10000');

const versions = (from: number, to: number) => (from === to ? `v${from}` : `v${from} → v${to}`);

const printSummary = (report: StreamMigrationReport) => {
  const width = Math.max(4, ...report.changes.map((change) => change.type.length));
  console.log(`\n  ${'type'.padEnd(width)}  ${'schema'.padEnd(16)}  events`);
  for (const change of report.changes) {
    const schema = change.from === change.to ? `${versions(change.from, change.to)} (current)` : versions(change.from, change.to);
    console.log(`  ${change.type.padEnd(width)}  ${schema.padEnd(16)}  ${String(change.events).padStart(6)}`);
  }
  if (report.samples.length === 0) console.log('\n  Every event is already at its current schema version: the copies differ only by their link.');
  for (const sample of report.samples) {
    console.log(`\n  ${sample.type} ${versions(sample.from, sample.to)}, e.g. version ${sample.sourceVersion}:`);
    for (const change of sample.changes) console.log(`    ${formatChange(change)}`);
  }
  console.log('');
};

const store = createEventStore();
let bar: SingleBar | null = null;
try {
  const report = await migrateStream(store, {
    source,
    target,
    apply: values.apply,
    batchSize,
    actor: `operator:${process.env.USER ?? 'cli'}`,
    onProgress: (done, total) => {
      if (total < LARGE_STREAM) return;
      if (!bar) {
        bar = new SingleBar({ format: `${values.apply ? 'Copying' : 'Reading'}  [{bar}] {percentage}% | {value}/{total} events | {eta}s left` }, Presets.shades_classic);
        bar.start(total, 0);
      }
      bar.update(done);
    },
  });
  (bar as SingleBar | null)?.stop();

  const range = `versions ${report.fromVersion}–${report.toVersion}`;
  if (report.copied === 0) {
    console.log(`${target} already holds every event of ${source} (${report.alreadyCopied}): nothing to copy.`);
  } else if (!report.applied) {
    const resume = report.alreadyCopied > 0 ? `, after the ${report.alreadyCopied} already copied` : '';
    console.log(`Dry run: would copy ${report.copied} events of ${source} (${range}${resume}) to ${target}.`);
    printSummary(report);
    console.log('Nothing was written. Run again with --apply to copy.');
  } else {
    console.log(`Copied ${report.copied} events of ${source} (${range}) to ${target}.`);
    printSummary(report);
    const copies = await store.stored.readStream(target, { fromVersion: report.fromVersion, limit: MAPPING_LINES });
    if (report.copied <= MAPPING_LINES) {
      for (const copy of copies) {
        const link = copy.metadata.migratedFrom as { version: number; eventId: string; schemaVersion: number };
        console.log(`  ${source}@${link.version} (${link.eventId}, v${link.schemaVersion}) → ${target}@${copy.streamVersion} (${copy.eventId}, v${copy.schemaVersion})`);
      }
    } else {
      console.log(`  ${source}@n → ${target}@n for n = ${report.fromVersion}…${report.toVersion}`);
    }
    console.log(
      `\nEach copy's metadata.migratedFrom names its original (stream, version, event id, stored schema version).` +
        `\n${source} is unchanged and readable; the copy is recorded in ${report.logStreamId}.`,
    );
  }
} catch (error) {
  (bar as SingleBar | null)?.stop();
  if (error instanceof StreamMigrationRefused || error instanceof UnavailableError) {
    console.error(error.message);
    process.exitCode = 1;
  } else {
    throw error;
  }
} finally {
  await store.close();
}
