import type { Backend, TargetName, WorkloadId, WorkloadResult } from './workloads';

export type TargetRun = {
  /** 1-based; an aggregated run has the number of rounds it summarises in `rounds`. */
  round?: number;
  rounds?: number;
  backend: Backend;
  target: TargetName;
  ok: boolean;
  failure?: string;
  notes: string[];
  results: Array<WorkloadResult & { eventsPerSecByRound?: number[] }>;
  durationMs: number;
};

export type Goal = {
  goal: string;
  backend: Backend;
  workload: WorkloadId;
  threshold: number;
  ratio: number | null;
  chronicleErrors: number | null;
  status: 'PASS' | 'MISS' | 'N/A';
  detail: string;
};

const median = (values: number[]): number => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** One run per backend × target: medians of the rounds' figures, errors summed. */
export const aggregateRounds = (runs: TargetRun[]): TargetRun[] => {
  const groups = new Map<string, TargetRun[]>();
  for (const run of runs) groups.set(`${run.backend}:${run.target}`, [...(groups.get(`${run.backend}:${run.target}`) ?? []), run]);
  return [...groups.values()].map((group) => {
    const ok = group.filter((r) => r.ok);
    const first = ok[0] ?? group[0]!;
    const results = (ok[0]?.results ?? []).map((w) => {
      const rounds = ok.map((r) => r.results.find((x) => x.workload === w.workload)).filter((x): x is WorkloadResult => !!x);
      const pick = (key: 'eventsPerSec' | 'p50Ms' | 'p99Ms' | 'p90Ms' | 'maxMs' | 'meanMs') => median(rounds.map((r) => r[key]));
      const sum = (key: 'operations' | 'okOperations' | 'okEvents' | 'errors' | 'wallMs') => rounds.reduce((a, r) => a + r[key], 0);
      const errorKinds: Record<string, number> = {};
      for (const r of rounds) for (const [k, n] of Object.entries(r.errorKinds)) errorKinds[k] = (errorKinds[k] ?? 0) + n;
      return {
        ...w,
        operations: sum('operations'),
        okOperations: sum('okOperations'),
        okEvents: sum('okEvents'),
        errors: sum('errors'),
        wallMs: sum('wallMs'),
        errorKinds,
        eventsPerSec: pick('eventsPerSec'),
        p50Ms: pick('p50Ms'),
        p99Ms: pick('p99Ms'),
        p90Ms: pick('p90Ms'),
        maxMs: pick('maxMs'),
        meanMs: pick('meanMs'),
        eventsPerSecByRound: rounds.map((r) => r.eventsPerSec),
      };
    });
    const failures = group.filter((r) => !r.ok).map((r) => `round ${r.round}: ${r.failure}`);
    return {
      backend: first.backend,
      target: first.target,
      rounds: group.length,
      ok: ok.length > 0,
      failure: failures.length > 0 ? failures.join('; ') : undefined,
      notes: [...new Set(group.flatMap((r) => r.notes))],
      results,
      durationMs: group.reduce((a, r) => a + r.durationMs, 0),
    };
  });
};

const TARGET_LABEL: Record<TargetName, string> = { raw: 'raw driver floor', chronicle: 'chronicle (ours)', emmett: 'emmett 0.42' };
const BACKEND_LABEL: Record<Backend, string> = {
  sqlite: 'SQLite file (WAL, synchronous=FULL)',
  postgresql: 'PostgreSQL 15 on 127.0.0.1 (synchronous_commit=on, CHECKPOINT before each target)',
};
const ORDER: TargetName[] = ['raw', 'chronicle', 'emmett'];

const num = (value: number, digits = 0): string =>
  Number.isFinite(value) ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '—';
const ms = (value: number): string => (Number.isFinite(value) ? (value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0)) : '—');
const times = (value: number | null): string =>
  value === null ? '—' : !Number.isFinite(value) ? '∞×' : value >= 1000 ? '>1000×' : `${value.toFixed(2)}×`;

const find = (runs: TargetRun[], backend: Backend, target: TargetName, workload: WorkloadId) =>
  runs.find((r) => r.backend === backend && r.target === target)?.results.find((w) => w.workload === workload);

const ratioOf = (a: WorkloadResult | undefined, b: WorkloadResult | undefined): number | null =>
  a && b ? (b.eventsPerSec === 0 ? Infinity : a.eventsPerSec / b.eventsPerSec) : null;

export const formatBackendTable = (runs: TargetRun[], backend: Backend, rounds = 1): string => {
  const mine = ORDER.map((t) => runs.find((r) => r.backend === backend && r.target === t)).filter((r): r is TargetRun => !!r);
  const lines = [`=== ${BACKEND_LABEL[backend]}${rounds > 1 ? ` — median of ${rounds} interleaved rounds` : ''} ===`];
  for (const run of mine) if (run.failure) lines.push(`  ${TARGET_LABEL[run.target]} FAILED: ${run.failure}`);
  const workloads = mine.find((r) => r.ok)?.results ?? [];
  const spread = rounds > 1 ? '  events/s per round' : '';
  const header = `${'workload'.padEnd(56)}${'target'.padEnd(19)}${'events/s'.padStart(10)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'errors'.padStart(12)}${spread}`;
  lines.push(header, '-'.repeat(header.length));
  for (const w of workloads) {
    mine.forEach((run, i) => {
      const r = run.results.find((x) => x.workload === w.workload);
      if (!r) return;
      const errors = r.errors === 0 ? '0' : `${r.errors}/${r.operations}`;
      const perRound = rounds > 1 ? `  ${(r.eventsPerSecByRound ?? []).map((v) => num(v)).join(' / ')}` : '';
      lines.push(
        `${(i === 0 ? w.label : '').padEnd(56)}${TARGET_LABEL[run.target].padEnd(19)}${num(r.eventsPerSec).padStart(10)}${ms(r.p50Ms).padStart(9)}${ms(r.p99Ms).padStart(9)}${errors.padStart(12)}${perRound}`,
      );
    });
    const ours = find(runs, backend, 'chronicle', w.workload);
    const vsEmmett = ratioOf(ours, find(runs, backend, 'emmett', w.workload));
    const vsFloor = ratioOf(ours, find(runs, backend, 'raw', w.workload));
    lines.push(`${''.padEnd(56)}→ ours/emmett ${times(vsEmmett)}   ours/floor ${vsFloor === null ? '—' : `${(vsFloor * 100).toFixed(0)}%`}`, '');
  }
  const errorLines = mine.flatMap((run) =>
    run.results.flatMap((r) => Object.entries(r.errorKinds).map(([kind, n]) => `  ${TARGET_LABEL[run.target]} / ${r.workload}: ${n} × ${kind}`)),
  );
  if (errorLines.length > 0) lines.push('errors:', ...errorLines, '');
  lines.push('setup:', ...mine.flatMap((run) => run.notes.map((n) => `  ${TARGET_LABEL[run.target]}: ${n}`)));
  return lines.join('\n');
};

/** Each goal compares ours with a peer in the same run: Emmett, or the raw driver floor (`versus: 'raw'`). */
const GOALS: Array<{ goal: string; backend: Backend; workload: WorkloadId; threshold: number; zeroErrors: boolean; versus?: 'emmett' | 'raw' }> = [
  { goal: 'SQLite sequential single-event appends ≥5× Emmett, 0 errors', backend: 'sqlite', workload: 'seq-single', threshold: 5, zeroErrors: true },
  { goal: 'SQLite concurrent single-event appends ≥5× Emmett, 0 errors', backend: 'sqlite', workload: 'concurrent-single', threshold: 5, zeroErrors: true },
  { goal: 'PostgreSQL sequential single-event appends ≥1.5× Emmett', backend: 'postgresql', workload: 'seq-single', threshold: 1.5, zeroErrors: false },
  { goal: 'PostgreSQL concurrent single-event appends (1,000 in the full run) ≥2× Emmett', backend: 'postgresql', workload: 'concurrent-single', threshold: 2, zeroErrors: false },
  { goal: 'SQLite 100-event batches ≥2× Emmett, 0 errors', backend: 'sqlite', workload: 'batch-100', threshold: 2, zeroErrors: true },
  { goal: 'SQLite 100-event batches ≥50% of the raw driver', backend: 'sqlite', workload: 'batch-100', threshold: 0.5, zeroErrors: true, versus: 'raw' },
  { goal: 'PostgreSQL 100-event batches ≥2× Emmett, 0 errors', backend: 'postgresql', workload: 'batch-100', threshold: 2, zeroErrors: true },
];

export const evaluateGoals = (runs: TargetRun[]): Goal[] =>
  GOALS.map(({ goal, backend, workload, threshold, zeroErrors, versus = 'emmett' }) => {
    const ours = find(runs, backend, 'chronicle', workload);
    const peer = find(runs, backend, versus, workload);
    const peerName = versus === 'raw' ? 'the raw driver' : 'Emmett';
    const ratio = ratioOf(ours, peer);
    if (!ours || !peer || ratio === null) return { goal, backend, workload, threshold, ratio: null, chronicleErrors: ours?.errors ?? null, status: 'N/A', detail: 'not measured' };
    const problems: string[] = [];
    if (ratio < threshold) problems.push(`${times(ratio)} of the ${threshold}× needed (${((1 - ratio / threshold) * 100).toFixed(0)}% short)`);
    if (zeroErrors && ours.errors > 0) problems.push(`${ours.errors} errors`);
    if (ours.errors > 0 && !zeroErrors) problems.push(`(ours had ${ours.errors} errors)`);
    const detail = `${num(ours.eventsPerSec)} vs ${num(peer.eventsPerSec)} events/s = ${times(ratio)}${peer.errors > 0 ? `; ${peerName} ${peer.errors}/${peer.operations} failed` : ''}`;
    const pass = ratio >= threshold && (!zeroErrors || ours.errors === 0);
    return { goal, backend, workload, threshold, ratio, chronicleErrors: ours.errors, status: pass ? 'PASS' : 'MISS', detail: pass ? detail : `${detail} — ${problems.join('; ')}` };
  });

export const formatGoals = (goals: Goal[], quick: boolean): string =>
  [
    `=== Goals${quick ? ' (quick run: smaller counts, indicative only)' : ''} ===`,
    ...goals.map((g) => `${g.status.padEnd(5)} ${g.goal}: ${g.detail}`),
  ].join('\n');
