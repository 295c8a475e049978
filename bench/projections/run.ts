/**
 * Projection rebuild benchmark: seeds a store with N account events, rebuilds
 * each of our projections and all of them at once (then times the live
 * catch-up after the switch), and in the same run rebuilds the equivalent
 * pongo projection with Emmett 0.42 over the same events. Each target runs in
 * its own child process (its own peak RSS; Emmett's dumbo changes pg's type parsers).
 *
 *   npm run bench:projections [-- --quick] [-- --events N] [-- --backend sqlite|postgresql|both]
 *   flags: --quick (20,000 events), --events N (both databases and Emmett), --targets chronicle,emmett,
 *   --batch N (our rebuild batch, 5,000), --emmett-batch N (1,000), --emmett-budget-s S (180: Emmett's rebuild
 *   stops there and its rate is taken over what it folded)
 * Defaults: 1,000,000 events on SQLite, 200,000 on PostgreSQL and for Emmett.
 */
import { fork } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { chartSvg, evaluateGoals, formatGoals, formatTable } from './report';
import type { TargetReport } from './workload';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: process.env.BENCH_QUICK === '1' },
    events: { type: 'string' },
    backend: { type: 'string', default: 'both' },
    targets: { type: 'string', default: 'chronicle,emmett' },
    batch: { type: 'string', default: '5000' },
    'emmett-batch': { type: 'string', default: '1000' },
    'emmett-budget-s': { type: 'string', default: '180' },
    child: { type: 'string' },
    resource: { type: 'string' },
  },
});

type Backend = 'sqlite' | 'postgresql';
type Spec = { target: 'chronicle' | 'emmett'; backend: Backend; url: string; events: number };
const log = (line: string) => process.stderr.write(`${line}\n`);
const positive = (value: string | undefined, name: string): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} takes a positive whole number (got ${value})`);
  return n;
};
const eventsFor = (backend: Backend): number => positive(args.events, 'events') ?? (args.quick ? 20_000 : backend === 'sqlite' ? 1_000_000 : 200_000);

/* ---------- child ---------- */

const childMain = async (spec: Spec): Promise<void> => {
  const report =
    spec.target === 'chronicle'
      ? await (await import('./targets/chronicle')).runChronicle({ ...spec, batchSize: positive(args.batch, 'batch')!, log: (l) => log(`  [${spec.backend} ${spec.target}] ${l}`) })
      : await (await import('./targets/emmett')).runEmmett({
          url: spec.url,
          events: spec.events,
          batchSize: positive(args['emmett-batch'], 'emmett-batch')!,
          budgetMs: positive(args['emmett-budget-s'], 'emmett-budget-s')! * 1000,
          log: (l) => log(`  [emmett] ${l}`),
        });
  process.send!({ type: 'result', report }, () => process.exit(0));
};

/* ---------- parent ---------- */

const PG_TEST_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const adminQuery = async (sql: string): Promise<void> => {
  const client = new pg.Client({ connectionString: Object.assign(new URL(PG_TEST_URL), { pathname: '/postgres' }).toString(), connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

const prepare = async (target: Spec['target'], backend: Backend): Promise<{ url: string; cleanup: () => Promise<void> }> => {
  const databases = await import('../../lib/store/testing/test-databases');
  if (target === 'emmett') {
    await adminQuery('DROP DATABASE IF EXISTS bench_emmett_projections WITH (FORCE)');
    await adminQuery('CREATE DATABASE bench_emmett_projections');
    return {
      url: Object.assign(new URL(PG_TEST_URL), { pathname: '/bench_emmett_projections' }).toString(),
      cleanup: () => adminQuery('DROP DATABASE IF EXISTS bench_emmett_projections WITH (FORCE)'),
    };
  }
  if (backend === 'sqlite') {
    const file = databases.createSqliteTestDatabase();
    return { url: `file:${file}`, cleanup: async () => rmSync(dirname(file), { recursive: true, force: true }) };
  }
  const { url, drop } = await databases.createPostgresTestSchema();
  return { url, cleanup: drop };
};

const runChild = (spec: Spec): Promise<TargetReport> =>
  new Promise((resolve, reject) => {
    const passOn = ['--batch', args.batch!, '--emmett-batch', args['emmett-batch']!, '--emmett-budget-s', args['emmett-budget-s']!];
    const child = fork(fileURLToPath(import.meta.url), ['--child', JSON.stringify(spec), ...passOn], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    child.stdout!.pipe(process.stderr);
    let report: TargetReport | null = null;
    child.on('message', (message: { type: string; report: TargetReport }) => void (report = message.report));
    child.on('exit', (code, signal) => (report ? resolve(report) : reject(new Error(`${spec.target} on ${spec.backend} exited (${code ?? signal}) without a result`))));
  });

const main = async (): Promise<void> => {
  const startedAt = new Date();
  const backends: Backend[] = args.backend === 'both' ? ['sqlite', 'postgresql'] : [args.backend as Backend];
  if (!backends.every((b) => b === 'sqlite' || b === 'postgresql')) throw new Error(`--backend takes sqlite, postgresql or both (got ${args.backend})`);
  const targets = args.targets!.split(',').map((t) => t.trim());
  if (!targets.every((t) => t === 'chronicle' || t === 'emmett')) throw new Error(`--targets takes chronicle, emmett (got ${args.targets})`);
  const specs: Array<Omit<Spec, 'url'>> = [
    ...(targets.includes('chronicle') ? backends.map((backend) => ({ target: 'chronicle' as const, backend, events: eventsFor(backend) })) : []),
    ...(targets.includes('emmett') ? [{ target: 'emmett' as const, backend: 'postgresql' as const, events: eventsFor('postgresql') }] : []),
  ];
  const reports: TargetReport[] = [];
  for (const spec of specs) {
    log(`${spec.target} on ${spec.backend}: ${spec.events.toLocaleString('en')} events…`);
    const { url, cleanup } = await prepare(spec.target, spec.backend);
    try {
      reports.push(await runChild({ ...spec, url }));
    } finally {
      await cleanup().catch((error: Error) => log(`cleanup failed: ${error.message}`));
    }
  }
  const goals = evaluateGoals(reports);
  console.log(`\n${formatTable(reports)}\n\n${formatGoals(goals)}\n`);
  const resultsDir = join(process.cwd(), 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const stamp = startedAt.toISOString().replaceAll(':', '-').replace(/\.\d+Z$/, 'Z');
  const report = {
    startedAt: startedAt.toISOString(),
    options: args,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version },
    reports,
    goals,
  };
  writeFileSync(join(resultsDir, `projections-${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(resultsDir, `projections-${stamp}.svg`), chartSvg(reports));
  console.log(`results written to bench/results/projections-${stamp}.json (chart: .svg beside it)`);
  console.log('JSON:');
  console.log(JSON.stringify(report, null, 2));
};

if (args.child) {
  childMain(JSON.parse(args.child) as Spec).catch((error: Error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error: Error) => {
    console.error(error);
    process.exit(1);
  });
}
