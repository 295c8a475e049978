import { performance } from 'node:perf_hooks';

export type Backend = 'sqlite' | 'postgresql';
export type TargetName = 'raw' | 'chronicle' | 'emmett';
export type WorkloadId = 'seq-single' | 'concurrent-single' | 'batch-100' | 'read-1000';

/** Where a target keeps its data: prepared (and later removed) by the runner. */
export type TargetResource = { sqliteFile?: string; pgUrl?: string };

export type BenchEvent = { type: string; data: Record<string, unknown> };
/** An exact version (0 = empty stream) or "the stream must not exist". */
export type Expected = number | 'no_stream';

/** What every target offers the workloads: the same three calls, nothing more. */
export interface BenchTarget {
  /** Appends and resolves to the stream's version afterwards. */
  append(streamId: string, events: BenchEvent[], expected: Expected): Promise<number>;
  /** Reads a whole stream and resolves to the number of events read. */
  readStream(streamId: string): Promise<number>;
  close(): Promise<void>;
  /** How the target was set up, for the report. */
  notes: string[];
}

export type BenchConfig = {
  seqAppends: number;
  seqStreams: number;
  concurrentAppends: number;
  batches: number;
  batchSize: number;
  batchStreams: number;
  readStreamLength: number;
  reads: number;
};

export const CONFIGS: Record<'full' | 'quick', BenchConfig> = {
  full: { seqAppends: 2000, seqStreams: 200, concurrentAppends: 1000, batches: 200, batchSize: 100, batchStreams: 10, readStreamLength: 1000, reads: 50 },
  quick: { seqAppends: 200, seqStreams: 50, concurrentAppends: 200, batches: 10, batchSize: 100, batchStreams: 5, readStreamLength: 1000, reads: 10 },
};

export type WorkloadResult = {
  workload: WorkloadId;
  label: string;
  operations: number;
  okOperations: number;
  eventsPerOperation: number;
  /** Events written (or read) by operations that succeeded. */
  okEvents: number;
  errors: number;
  errorKinds: Record<string, number>;
  wallMs: number;
  /** okEvents / wall time. */
  eventsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  p90Ms: number;
  maxMs: number;
  meanMs: number;
};

/** Only a guard against a hung call: Emmett's SQLite store legitimately takes minutes under 1,000 concurrent appends. */
const OP_TIMEOUT_MS = 600_000;

/** About 270 bytes of JSON: a plausible banking event. */
export const makeEvent = (i: number): BenchEvent => ({
  type: 'MoneyDeposited',
  data: {
    accountId: `acc-${(i % 997).toString().padStart(6, '0')}`,
    amount: 1000 + (i % 5000),
    currency: 'EUR',
    reference: `INV-2026-${i.toString().padStart(8, '0')}`,
    description: 'Salary from ACME Corp, November',
    counterparty: { name: 'ACME Corporation GmbH', iban: 'DE89370400440532013000' },
    occurredAt: '2026-11-23T10:15:30.000Z',
  },
});

export const eventDataBytes = Buffer.byteLength(JSON.stringify(makeEvent(12345)));

const withTimeout = <T>(promise: Promise<T>): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${OP_TIMEOUT_MS} ms`), { code: 'TIMEOUT' })), OP_TIMEOUT_MS);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });

export const errorKind = (error: unknown): string => {
  const e = error as { code?: unknown; name?: string; message?: string } | null;
  const code = typeof e?.code === 'string' ? e.code : (e?.name ?? 'Error');
  return `${code}: ${String(e?.message ?? error).split('\n')[0]!.slice(0, 90)}`;
};

type Sample = { ms: number; ok: boolean; value?: number; error?: unknown };

/** Latency from `since` (default: the call) to completion. */
const measure = async (fn: () => Promise<number>, since?: number): Promise<Sample> => {
  const start = since ?? performance.now();
  try {
    const value = await withTimeout(fn());
    return { ms: performance.now() - start, ok: true, value };
  } catch (error) {
    return { ms: performance.now() - start, ok: false, error };
  }
};

const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

const summarise = (workload: WorkloadId, label: string, samples: Sample[], eventsPerOperation: number, wallMs: number, okEvents?: number): WorkloadResult => {
  const errorKinds: Record<string, number> = {};
  for (const s of samples) if (!s.ok) errorKinds[errorKind(s.error)] = (errorKinds[errorKind(s.error)] ?? 0) + 1;
  const okOperations = samples.filter((s) => s.ok).length;
  const events = okEvents ?? okOperations * eventsPerOperation;
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    workload,
    label,
    operations: samples.length,
    okOperations,
    eventsPerOperation,
    okEvents: events,
    errors: samples.length - okOperations,
    errorKinds,
    wallMs,
    eventsPerSec: events / (wallMs / 1000),
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    p90Ms: percentile(sorted, 90),
    maxMs: sorted.at(-1) ?? NaN,
    meanMs: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length),
  };
};

/** Untimed: gives the JIT, the connections and the file a moment before the clock starts. */
const warmUp = async (target: BenchTarget, runId: string): Promise<void> => {
  const versions = new Map<string, number>();
  for (let i = 0; i < 30; i++) {
    const stream = `warm-${runId}-${i % 5}`;
    const version = await target.append(stream, [makeEvent(i)], versions.get(stream) ?? 0).catch(() => undefined);
    if (version !== undefined) versions.set(stream, version);
  }
  await target.readStream(`warm-${runId}-0`).catch(() => undefined);
};

export const WORKLOADS: WorkloadId[] = ['seq-single', 'concurrent-single', 'batch-100', 'read-1000'];

export const runWorkloads = async (
  target: BenchTarget,
  config: BenchConfig,
  log: (line: string) => void,
  only: readonly WorkloadId[] = WORKLOADS,
): Promise<WorkloadResult[]> => {
  const runId = Date.now().toString(36);
  const results: WorkloadResult[] = [];
  const wall = () => performance.now();
  await warmUp(target, runId);

  // 1. Sequential single-event appends, round robin, exact expected version.
  if (only.includes('seq-single')) {
    const versions = new Map<string, number>();
    const samples: Sample[] = [];
    const start = wall();
    for (let i = 0; i < config.seqAppends; i++) {
      const stream = `acct-seq${runId}-${i % config.seqStreams}`;
      const sample = await measure(() => target.append(stream, [makeEvent(i)], versions.get(stream) ?? 0));
      if (sample.ok) versions.set(stream, sample.value!);
      samples.push(sample);
    }
    results.push(summarise('seq-single', `sequential single-event appends (${config.seqAppends} → ${config.seqStreams} streams)`, samples, 1, wall() - start));
    log(`    seq-single done`);
  }

  // 2. Concurrent single-event appends, all started at once, each to a new stream.
  if (only.includes('concurrent-single')) {
    const start = wall();
    const samples = await Promise.all(
      Array.from({ length: config.concurrentAppends }, (_, i) =>
        measure(() => target.append(`acct-conc${runId}-${i}`, [makeEvent(i)], 'no_stream'), start),
      ),
    );
    results.push(summarise('concurrent-single', `${config.concurrentAppends} concurrent single-event appends (new streams)`, samples, 1, wall() - start));
    log(`    concurrent-single done`);
  }

  // 3. 100-event batches, sequential, round robin over a few streams, exact expected version.
  if (only.includes('batch-100')) {
    const versions = new Map<string, number>();
    const samples: Sample[] = [];
    const start = wall();
    for (let b = 0; b < config.batches; b++) {
      const stream = `acct-batch${runId}-${b % config.batchStreams}`;
      const events = Array.from({ length: config.batchSize }, (_, k) => makeEvent(b * config.batchSize + k));
      const sample = await measure(() => target.append(stream, events, versions.get(stream) ?? 0));
      if (sample.ok) versions.set(stream, sample.value!);
      samples.push(sample);
    }
    results.push(summarise('batch-100', `${config.batches} batches of ${config.batchSize} events (sequential)`, samples, config.batchSize, wall() - start));
    log(`    batch-100 done`);
  }

  // 4. Reading one long stream, written (untimed) in batches of 100 by the target itself.
  if (only.includes('read-1000')) {
    const stream = `acct-read${runId}-0`;
    let version = 0;
    for (let written = 0; written < config.readStreamLength; written += 100) {
      const events = Array.from({ length: Math.min(100, config.readStreamLength - written) }, (_, k) => makeEvent(written + k));
      version = await target.append(stream, events, version);
    }
    const samples: Sample[] = [];
    const start = wall();
    for (let r = 0; r < config.reads; r++) {
      const sample = await measure(async () => {
        const count = await target.readStream(stream);
        if (count !== config.readStreamLength) throw Object.assign(new Error(`read ${count} events, expected ${config.readStreamLength}`), { code: 'SHORT_READ' });
        return count;
      });
      samples.push(sample);
    }
    results.push(summarise('read-1000', `read a ${config.readStreamLength}-event stream (${config.reads}×)`, samples, config.readStreamLength, wall() - start));
    log(`    read-1000 done`);
  }
  return results;
};
