/**
 * Append benchmark: the same workloads against our store, Emmett and the raw
 * driver, on SQLite and PostgreSQL. Each target runs in its own child process
 * (Emmett's dumbo changes pg's global type parsers; a fresh process also keeps
 * one target's garbage and JIT state out of the next one's numbers).
 *
 *   npm run bench:append [-- --quick] [-- --backend sqlite|postgresql|both]
 *   flags (or env): --quick (BENCH_QUICK=1), --backend (BENCH_BACKEND),
 *   --targets raw,chronicle,emmett, --repeat N (BENCH_REPEAT; N interleaved rounds, medians reported),
 *   --with-command-id, --cpu-prof (profiles in bench/results/prof),
 *   --workloads seq-single,concurrent-single,batch-100,read-1000 (BENCH_WORKLOADS; default all)
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { aggregateRounds, evaluateGoals, formatBackendTable, formatGoals, type TargetRun } from './report';
import { CONFIGS, errorKind, eventDataBytes, runWorkloads, WORKLOADS, type Backend, type BenchTarget, type TargetName, type TargetResource, type WorkloadId, type WorkloadResult } from './workloads';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: process.env.BENCH_QUICK === '1' },
    backend: { type: 'string', default: process.env.BENCH_BACKEND ?? 'both' },
    targets: { type: 'string', default: process.env.BENCH_TARGETS ?? 'raw,chronicle,emmett' },
    repeat: { type: 'string', default: process.env.BENCH_REPEAT ?? '1' },
    workloads: { type: 'string', default: process.env.BENCH_WORKLOADS ?? WORKLOADS.join(',') },
    'with-command-id': { type: 'boolean', default: false },
    'cpu-prof': { type: 'boolean', default: false },
    child: { type: 'string' },
    resource: { type: 'string' },
  },
});

const config = CONFIGS[args.quick ? 'quick' : 'full'];
const workloads = args.workloads.split(',').map((w) => w.trim()) as WorkloadId[];
if (!workloads.every((w) => WORKLOADS.includes(w))) throw new Error(`--workloads takes ${WORKLOADS.join(', ')} (got ${args.workloads})`);
const log = (line: string) => process.stderr.write(`${line}\n`);
const CHILD_TIMEOUT_MS = 30 * 60_000;

type ChildMessage = { type: 'result'; notes: string[]; results: WorkloadResult[] } | { type: 'failure'; failure: string };

/* ---------- child: one target on one backend ---------- */

const childMain = async (spec: string, resource: TargetResource): Promise<void> => {
  const [backend, target] = spec.split(':') as [Backend, TargetName];
  const uncaught: string[] = [];
  // Emmett's sqlite connections can emit 'error' after close; count it rather than die.
  process.on('uncaughtException', (error) => void uncaught.push(errorKind(error)));
  process.on('unhandledRejection', (error) => void uncaught.push(errorKind(error)));
  let opened: BenchTarget;
  if (target === 'chronicle') opened = await (await import('./targets/chronicle')).openChronicle(backend, resource, args['with-command-id']);
  else if (target === 'emmett') opened = await (await import('./targets/emmett')).openEmmett(backend, resource);
  else opened = await (await import('./targets/raw-driver')).openRawDriver(backend, resource);
  const results = await runWorkloads(opened, config, (line) => log(`  [${target}] ${line.trim()}`), workloads);
  await opened.close();
  if (uncaught.length > 0) opened.notes.push(`${uncaught.length} uncaught errors in the process, e.g. ${uncaught[0]}`);
  const message: ChildMessage = { type: 'result', notes: opened.notes, results };
  process.send!(message, () => process.exit(0));
};

/* ---------- parent: prepare, run each target in a child, clean up ---------- */

const PG_TEST_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const pgUrlFor = (database: string) => Object.assign(new URL(PG_TEST_URL), { pathname: `/${database}` }).toString();

const adminQuery = async (sql: string, database = 'postgres'): Promise<void> => {
  const client = new pg.Client({ connectionString: pgUrlFor(database), connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

const postgresReachable = async (): Promise<string | null> => {
  try {
    await adminQuery('SELECT 1', new URL(PG_TEST_URL).pathname.slice(1));
    return null;
  } catch (error) {
    return (error as Error).message;
  }
};

/** Creates the target's storage; returns it with its cleanup. */
const prepare = async (backend: Backend, target: TargetName): Promise<{ resource: TargetResource; cleanup: () => Promise<void> }> => {
  if (backend === 'sqlite') {
    if (target === 'chronicle') {
      const { createSqliteTestDatabase } = await import('../../lib/store/testing/test-databases');
      const file = createSqliteTestDatabase();
      return { resource: { sqliteFile: file }, cleanup: async () => rmSync(dirname(file), { recursive: true, force: true }) };
    }
    const dir = mkdtempSync(join(tmpdir(), 'bench-append-'));
    return { resource: { sqliteFile: join(dir, `${target}.db`) }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  if (target === 'chronicle') {
    const { createPostgresTestSchema } = await import('../../lib/store/testing/test-databases');
    const { url, drop } = await createPostgresTestSchema();
    return { resource: { pgUrl: url }, cleanup: drop };
  }
  if (target === 'emmett') {
    await adminQuery('DROP DATABASE IF EXISTS bench_emmett WITH (FORCE)');
    await adminQuery('CREATE DATABASE bench_emmett');
    return { resource: { pgUrl: pgUrlFor('bench_emmett') }, cleanup: () => adminQuery('DROP DATABASE IF EXISTS bench_emmett WITH (FORCE)') };
  }
  const schema = `bench_raw_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const testDb = new URL(PG_TEST_URL).pathname.slice(1);
  await adminQuery(`CREATE SCHEMA ${schema}`, testDb);
  return { resource: { pgUrl: `${PG_TEST_URL}?schema=${schema}` }, cleanup: () => adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`, testDb) };
};

const runChild = (backend: Backend, target: TargetName, resource: TargetResource): Promise<ChildMessage> =>
  new Promise((resolve) => {
    const profDir = join(process.cwd(), 'bench', 'results', 'prof');
    if (args['cpu-prof']) mkdirSync(profDir, { recursive: true });
    const childArgs = ['--child', `${backend}:${target}`, '--resource', JSON.stringify(resource)];
    if (args.quick) childArgs.push('--quick');
    if (args['with-command-id']) childArgs.push('--with-command-id');
    childArgs.push('--workloads', workloads.join(','));
    const child = fork(fileURLToPath(import.meta.url), childArgs, {
      execArgv: ['--import', 'tsx', ...(args['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', join(profDir, `${backend}-${target}`)] : [])],
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    child.stdout!.pipe(process.stderr);
    let answer: ChildMessage | null = null;
    const timer = setTimeout(() => {
      answer ??= { type: 'failure', failure: `timed out after ${CHILD_TIMEOUT_MS / 60_000} min` };
      child.kill('SIGKILL');
    }, CHILD_TIMEOUT_MS);
    child.on('message', (message) => void (answer ??= message as ChildMessage));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(answer ?? { type: 'failure', failure: `child exited (${code ?? signal}) without a result` });
    });
  });

/** Prepares the target's storage, runs it in a child, removes the storage. */
const runTarget = async (backend: Backend, target: TargetName): Promise<Omit<TargetRun, 'round'>> => {
  const started = performance.now();
  let prepared: Awaited<ReturnType<typeof prepare>> | null = null;
  try {
    prepared = await prepare(backend, target);
    // Every PostgreSQL target starts just after a checkpoint, so none inherits another's dirty buffers or WAL debt.
    if (backend === 'postgresql') await adminQuery('CHECKPOINT').catch(() => undefined);
    const answer = await runChild(backend, target, prepared.resource);
    return answer.type === 'result'
      ? { backend, target, ok: true, notes: answer.notes, results: answer.results, durationMs: performance.now() - started }
      : { backend, target, ok: false, failure: answer.failure, notes: [], results: [], durationMs: performance.now() - started };
  } catch (error) {
    return { backend, target, ok: false, failure: (error as Error).message, notes: [], results: [], durationMs: performance.now() - started };
  } finally {
    await prepared?.cleanup().catch((error: Error) => log(`  cleanup failed: ${error.message}`));
  }
};

const main = async (): Promise<void> => {
  const startedAt = new Date();
  const t0 = performance.now();
  const backends: Backend[] = args.backend === 'both' ? ['sqlite', 'postgresql'] : [args.backend as Backend];
  if (!backends.every((b) => b === 'sqlite' || b === 'postgresql')) throw new Error(`--backend must be sqlite, postgresql or both (got ${args.backend})`);
  const targets = args.targets.split(',').map((t) => t.trim()) as TargetName[];
  if (!targets.every((t) => ['raw', 'chronicle', 'emmett'].includes(t))) throw new Error(`--targets takes raw, chronicle, emmett (got ${args.targets})`);
  const rounds = Math.max(1, Number.parseInt(args.repeat, 10) || 1);
  const runs: TargetRun[] = [];
  const skipped: Record<string, string> = {};
  log(`append benchmark (${args.quick ? 'quick' : 'full'}): ${JSON.stringify(config)}; event ≈ ${eventDataBytes} bytes of JSON (type + data)`);

  for (const backend of backends) {
    if (backend === 'postgresql') {
      const problem = await postgresReachable();
      if (problem) {
        skipped.postgresql = `PostgreSQL unreachable at ${PG_TEST_URL} (${problem})`;
        console.log(`\n⚠ SKIPPING PostgreSQL: unreachable at ${PG_TEST_URL} (${problem})\n`);
        continue;
      }
    }
    // Rounds interleave the targets and rotate their order, so a noisy minute hurts them alike.
    for (let round = 1; round <= rounds; round++) {
      const order = targets.map((_, i) => targets[(i + round - 1) % targets.length]!);
      for (const target of order) {
        log(`[${backend}] round ${round}/${rounds}: ${target}…`);
        runs.push({ ...(await runTarget(backend, target)), round });
      }
    }
  }

  const summary = aggregateRounds(runs);
  const goals = evaluateGoals(summary);
  const totalMs = performance.now() - t0;
  console.log('');
  for (const backend of backends) if (!skipped[backend]) console.log(`${formatBackendTable(summary, backend, rounds)}\n`);
  console.log(formatGoals(goals, args.quick));
  console.log(`\nevents/s counts only events whose operation succeeded; p50/p99 are per operation (an append call or a whole-stream read).`);
  console.log(`concurrent latencies run from the common start to each append's completion. total runtime ${(totalMs / 1000).toFixed(1)} s`);

  const report = {
    startedAt: startedAt.toISOString(),
    mode: args.quick ? 'quick' : 'full',
    config,
    options: { backend: args.backend, targets, rounds, workloads, withCommandId: args['with-command-id'] },
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, platform: process.platform },
    eventDataBytes,
    skipped,
    summary,
    goals,
    rounds: runs,
    totalMs,
  };
  const resultsDir = join(process.cwd(), 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `append-${startedAt.toISOString().replaceAll(':', '-').replace(/\.\d+Z$/, 'Z')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`results written to ${file}`);
  console.log('JSON:');
  console.log(JSON.stringify(report, null, 2));
};

if (args.child) {
  childMain(args.child, JSON.parse(args.resource ?? '{}') as TargetResource).catch((error: Error) => {
    const message: ChildMessage = { type: 'failure', failure: error.stack ?? error.message };
    process.send!(message, () => process.exit(1));
  });
} else {
  main().catch((error: Error) => {
    console.error(error);
    process.exit(1);
  });
}
