import { MultiBar, Presets } from 'cli-progress';
import { ProjectionManager, type ProjectionStatus } from '../../projections/projection-manager';
import { PROJECTIONS, projectionNamed } from '../../views/registry';
import { UsageError, type Command } from '../command';
import type { CliContext } from '../context';
import { noExtraArgs } from '../stream-args';

const manager = async (context: CliContext): Promise<ProjectionManager> => {
  const built = new ProjectionManager(context.eventStore(), await context.readDb(), PROJECTIONS);
  context.onClose(() => built.stop());
  return built;
};

/** Driver errors run over many lines; the table keeps the gist and --json the whole text. */
const oneLine = (message: string): string => {
  const text = message.replace(/\s+/g, ' ').trim();
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
};

const statusLine = (status: ProjectionStatus): string => {
  const generation = status.activeGeneration === null ? '–' : String(status.activeGeneration);
  const lag = status.lag.events === 0 ? 'caught up' : `${status.lag.events} behind (${status.lag.seconds.toFixed(1)} s)`;
  const rebuilding = status.rebuilding ? `; rebuilding as generation ${status.rebuilding.generation} at ${status.rebuilding.checkpoint}` : '';
  const error = status.lastError ? `; error at ${status.lastError.position ?? '?'}: ${oneLine(status.lastError.message)}` : '';
  return `${status.name.padEnd(22)} v${String(status.version).padEnd(3)} gen ${generation.padEnd(4)} ${status.status.padEnd(8)} ${`${status.checkpoint}/${status.head}`.padStart(15)}  ${lag}${rebuilding}${error}`;
};

export const projectionsCommand: Command = {
  name: 'projections',
  summary: 'status of the read models, or rebuild them from the first event',
  usage: `Usage: chronicle projections status
       chronicle projections rebuild [NAME…]

status: each projection's live generation, checkpoint against the head of the log, lag, last
error and any rebuild in progress.

rebuild: rebuilds the named projections (default: all), in one pass over the log, from the first event into a new generation
beside the live one, while writes continue and queries keep reading the old one; the new one is
switched in once caught up. With the server running this is safe: if the server already holds the
build's lease, the command follows its progress until the new generation is live.

Projections: ${PROJECTIONS.map((projection) => projection.name).join(', ')}`,
  options: {},
  async run({ positionals }, context) {
    const [action, ...names] = positionals;
    if (action === 'status') {
      noExtraArgs(positionals, 1);
      const statuses = await (await manager(context)).status();
      if (context.json) return context.outJson(statuses);
      context.out(`${'projection'.padEnd(22)} ${'ver'.padEnd(4)} ${'gen'.padEnd(8)} ${'status'.padEnd(8)} ${'position/head'.padStart(15)}  lag`);
      for (const status of statuses) context.out(statusLine(status));
      return statuses.some((status) => status.status === 'failed') ? 1 : 0;
    }
    if (action !== 'rebuild') throw new UsageError(action === undefined ? 'Say status or rebuild' : `Unknown action "${action}": status or rebuild`);
    const unknown = names.filter((name) => !projectionNamed(name));
    if (unknown.length > 0) throw new UsageError(`Unknown projection ${unknown.join(', ')}. Known: ${PROJECTIONS.map((p) => p.name).join(', ')}`);
    const selected = names.length > 0 ? names.map((name) => projectionNamed(name)!) : PROJECTIONS;
    const projections = await manager(context);
    const store = context.eventStore();
    const showBar = !context.json && process.stderr.isTTY;
    // All the selected projections rebuild in one pass over the log: each batch is read once for them all.
    const started = Date.now();
    const rate = (position: number) => Math.round(position / Math.max((Date.now() - started) / 1000, 0.001));
    const builds: Array<{ projection: (typeof selected)[number]; generation: number }> = [];
    for (const projection of selected) builds.push({ projection, generation: await projections.startRebuild(projection) });
    const bars = showBar ? new MultiBar({ format: '{name} [{bar}] {value}/{total} events | {rate} events/s | {eta_formatted} left', etaBuffer: 20 }, Presets.shades_classic) : null;
    const initialHead = Math.max(await store.headPosition(), 1);
    const barOf = new Map(builds.map(({ projection }) => [projection.name, bars?.create(initialHead, 0, { name: projection.name.padEnd(22), rate: 0 })]));
    try {
      await projections.runBuilds(builds, (projection, position, head) => {
        const bar = barOf.get(projection.name);
        bar?.setTotal(Math.max(head, 1));
        bar?.update(position, { rate: rate(position) });
      });
      const head = await store.headPosition();
      for (const bar of barOf.values()) bar?.update(head, { rate: rate(head) });
    } finally {
      bars?.stop();
    }
    const seconds = (Date.now() - started) / 1000;
    for (const { projection, generation } of builds) {
      if (context.json) context.outJson({ projection: projection.name, generation, seconds });
      else context.out(`${projection.name}: generation ${generation} is live (${seconds.toFixed(1)} s, all ${builds.length} in one pass)`);
    }
  },
};
