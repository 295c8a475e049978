/**
 * How fast decision replay decides recorded commands again: N commands on many account streams,
 * written as dispatch writes them (the command's type and input in the events' metadata), then
 * replayed from the store by today's decider and by the no-overdraft candidate; the engine alone
 * (events already in memory) beside it, to separate reading from deciding. Target ≥ 20,000 commands/s.
 *
 *   flock /tmp/chronicle-bench.lock npx tsx bench/debugger/replay-decisions.ts [--commands 100000] [--streams 500]
 */
import { loadavg } from 'node:os';
import type { RecordedEvent } from '../../lib/core/envelope';
import type { AccountCommand } from '../../lib/domain/account/commands';
import type { AccountState } from '../../lib/domain/account/state';
import { createSqliteTestDatabase } from '../../lib/store/testing/test-databases';
import { numberOption } from '../cli-options';

const COMMANDS = numberOption('commands', 100_000);
const STREAMS = numberOption('streams', 500);

process.env.DATABASE_URL = `file:${createSqliteTestDatabase()}`;
process.env.SQLITE_SYNCHRONOUS = 'NORMAL';
const { webRuntime } = await import('../../lib/server/web-runtime');
const { accountAggregate } = await import('../../lib/domain/account/aggregate');
const { DecisionReplay } = await import('../../lib/debugger/decision-replay');
const { deriveCommand } = await import('../../lib/debugger/derived-commands');
const { aggregateForStream } = await import('../../lib/runtime/debuggers');
const candidate = await import('../../lib/debugger/testing/no-overdraft-decider');
const runtime = webRuntime();

// Each round, every stream gets one command decided on its state, all appended together.
const states: AccountState[] = Array.from({ length: STREAMS }, () => accountAggregate.decider.initialState());
const versions = new Array<number>(STREAMS).fill(0);
let sent = 0;
const writeStarted = performance.now();
for (let round = 0; sent < COMMANDS; round++) {
  const appends: Promise<unknown>[] = [];
  for (let stream = 0; stream < STREAMS && sent < COMMANDS; stream++, sent++) {
    const now = new Date(Date.UTC(2026, 0, 1) + sent * 1_000).toISOString();
    const [name, input]: [string, Record<string, unknown>] =
      round === 0 ? ['open', { owner: `Bench ${stream}`, holderKind: 'person', currency: 'EUR', overdraftLimit: 20_000 }] : sent % 3 === 0 ? ['withdraw', { amount: 500 + (sent % 900) }] : ['deposit', { amount: 200 + (sent % 400) }];
    const type = accountAggregate.commands[name]!.type;
    const commandId = `bench-${sent}`;
    let events;
    try {
      events = accountAggregate.decider.decide({ type, data: { ...input, accountId: `rd-${stream}` }, metadata: { commandId, now, actor: 'bench' } } as AccountCommand, states[stream]!);
    } catch {
      continue;
    }
    for (const event of events) states[stream] = accountAggregate.decider.evolve(states[stream]!, event);
    appends.push(runtime.store.appendToStream(`account-rd-${stream}`, events.map((event) => ({ ...event, metadata: { actor: 'bench', correlationId: commandId, causationId: null, commandId, command: { type, input } } })), { expectedVersion: versions[stream] }));
    versions[stream]! += events.length;
  }
  await Promise.all(appends);
}
console.log(`${COMMANDS.toLocaleString('en')} commands on ${STREAMS} streams written in ${((performance.now() - writeStarted) / 1000).toFixed(1)} s`);

const inMemory: RecordedEvent[] = [];
for (let position = 0; ; ) {
  const events = await runtime.store.readAll({ fromPosition: position, limit: 10_000 });
  if (events.length === 0) break;
  inMemory.push(...events);
  position = events.at(-1)!.globalPosition;
}

type Decide = (command: unknown, state: unknown) => unknown[];
const run = async (name: string, decide: Decide, fromStore: boolean) => {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const replay = new DecisionReplay({ aggregateFor: (id) => aggregateForStream(runtime, id), decideFor: () => decide, derive: deriveCommand });
  if (fromStore) {
    for (let position = 0; ; ) {
      const events = await runtime.store.readAll({ fromPosition: position, limit: 5_000 });
      if (events.length === 0) break;
      replay.add(events);
      position = events.at(-1)!.globalPosition;
    }
  } else {
    for (let from = 0; from < inMemory.length; from += 5_000) replay.add(inMemory.slice(from, from + 5_000));
  }
  const report = replay.finish();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const rate = report.commandsReplayed / seconds;
  console.log(
    `${name.padEnd(48)} ${report.commandsReplayed.toLocaleString('en')} commands in ${seconds.toFixed(2)} s = ${Math.round(rate).toLocaleString('en').padStart(8)} commands/s ` +
      `(${Math.round(report.commandsReplayed / ((used.user + used.system) / 1e6)).toLocaleString('en')} per CPU-second); ${report.differing} differ`,
  );
  return rate;
};
const today = accountAggregate.decider.decide as Decide;
const rates = [await run("from the store, today's decider", today, true), await run('from the store, no-overdraft candidate', candidate.decide as Decide, true)];
await run("engine alone (events in memory), today's", today, false);
const median = rates.sort((a, b) => a - b)[0]!;
console.log(`\ntarget ≥ 20,000 commands/s from the store: ${median >= 20_000 ? 'met' : 'MISSED'} (slowest ${Math.round(median).toLocaleString('en')}); load ${loadavg()[0]!.toFixed(2)}`);
await runtime.close();
