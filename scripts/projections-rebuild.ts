/**
 * `npm run projections:rebuild [-- NAME ...]`: rebuilds read models from the
 * first event into a new generation while writes continue; queries keep
 * reading the old one until the new one has caught up and is switched in.
 */
import { Presets, SingleBar } from 'cli-progress';
import { ProjectionManager } from '../lib/projections/projection-manager';
import { PROJECTIONS, projectionNamed } from '../lib/projections/registry';
import { createReadDb } from '../lib/read/read-db';
import { createEventStore } from '../lib/server/event-store';

const names = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = names.filter((name) => !projectionNamed(name));
if (unknown.length > 0) {
  console.error(`Unknown projection ${unknown.join(', ')}. Known: ${PROJECTIONS.map((p) => p.name).join(', ')}`);
  process.exit(2);
}
const selected = names.length > 0 ? names.map((name) => projectionNamed(name)!) : PROJECTIONS;

const store = createEventStore();
const db = createReadDb();
const manager = new ProjectionManager(store, db, PROJECTIONS);

try {
  for (const projection of selected) {
    const generation = await manager.startRebuild(projection);
    const bar = new SingleBar(
      { format: `${projection.name.padEnd(22)} [{bar}] {value}/{total} events | {rate} events/s | {eta_formatted} left`, etaBuffer: 20 },
      Presets.shades_classic,
    );
    const started = Date.now();
    bar.start(Math.max(await store.headPosition(), 1), 0, { rate: 0 });
    await manager.runBuild(projection, generation, (position, head) => {
      bar.setTotal(Math.max(head, 1));
      bar.update(position, { rate: Math.round(position / Math.max((Date.now() - started) / 1000, 0.001)) });
    });
    const head = await store.headPosition();
    bar.update(head, { rate: Math.round(head / Math.max((Date.now() - started) / 1000, 0.001)) });
    bar.stop();
    console.log(`${projection.name}: generation ${generation} is live (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await manager.stop();
  await db.$disconnect();
  await store.close();
}
