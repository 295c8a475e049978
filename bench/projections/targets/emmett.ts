import {
  getPostgreSQLEventStore,
  pongoSingleStreamProjection,
  rebuildPostgreSQLProjections,
} from '@event-driven-io/emmett-postgresql';
import { performance } from 'node:perf_hooks';
import type { AccountEvent } from '../../../lib/domain/account/events';
import { appendPlan, peakRssMb, type TargetReport } from '../workload';

type Options = { url: string; events: number; batchSize: number; budgetMs: number; log: (line: string) => void };

/** account-summary as Emmett models it: one pongo document per account stream. */
type Summary = { owner: string; currency: string; status: string; balance: number; version: number; lastActivityAt: string; closedAt: string | null };

const evolve = (document: Summary | null, event: AccountEvent): Summary | null => {
  switch (event.type) {
    case 'AccountOpened':
      return { owner: event.data.holder.name, currency: event.data.currency, status: 'open', balance: 0, version: 1, lastActivityAt: event.data.openedAt, closedAt: null };
    case 'MoneyDeposited':
      return document && { ...document, balance: document.balance + event.data.amount, version: document.version + 1, lastActivityAt: event.data.depositedAt };
    case 'MoneyWithdrawn':
      return document && { ...document, balance: document.balance - event.data.amount, version: document.version + 1, lastActivityAt: event.data.withdrawnAt };
    case 'InterestApplied':
      return document && { ...document, balance: document.balance + event.data.amount, version: document.version + 1, lastActivityAt: event.data.appliedAt };
    case 'AccountClosed':
      return document && { ...document, status: 'closed', version: document.version + 1, closedAt: event.data.closedAt, lastActivityAt: event.data.closedAt };
  }
};

/**
 * Emmett 0.42's own rebuild of a pongo single-stream projection (the summary
 * per account) over a store seeded with the same events. The rebuild stops
 * after `budgetMs` if it has not finished: its rate is then over the events
 * it folded, and the report says so.
 */
export const runEmmett = async ({ url, events, batchSize, budgetMs, log }: Options): Promise<TargetReport> => {
  const store = getPostgreSQLEventStore(url);
  await store.schema.migrate();
  const seedStarted = performance.now();
  let appended = 0;
  for (const { account, events: chunk } of appendPlan(events, 50)) {
    await store.appendToStream(`account-acct-${account.toString().padStart(7, '0')}`, chunk);
    appended += chunk.length;
    if (appended % 100_000 < chunk.length) log(`seeded ${appended.toLocaleString('en')} events`);
  }
  const seedMs = performance.now() - seedStarted;
  await store.close();

  let folded = 0;
  const projection = pongoSingleStreamProjection<Summary, AccountEvent>({
    collectionName: 'account_summaries',
    canHandle: ['AccountOpened', 'MoneyDeposited', 'MoneyWithdrawn', 'InterestApplied', 'AccountClosed'],
    evolve: (document: Summary | null, event: unknown) => {
      folded++;
      return evolve(document, event as unknown as AccountEvent);
    },
  });
  const consumer = rebuildPostgreSQLProjections<AccountEvent>({ connectionString: url, projections: [projection as never], pulling: { batchSize } });
  const started = performance.now();
  let partial = false;
  const budget = setTimeout(() => {
    partial = true;
    void consumer.stop();
  }, budgetMs);
  await consumer.start();
  clearTimeout(budget);
  const ms = performance.now() - started;
  await consumer.close();
  log(`emmett account-summary: ${folded.toLocaleString('en')} events in ${(ms / 1000).toFixed(1)} s = ${Math.round(folded / (ms / 1000)).toLocaleString('en')} ev/s${partial ? ' (stopped at the time budget)' : ''}`);
  return {
    target: 'emmett',
    backend: 'postgresql',
    events,
    seedMs,
    rebuilds: [{ projection: 'account-summary', events: folded, ms, eventsPerSec: folded / (ms / 1000), partial }],
    peakRssMb: peakRssMb(),
    notes: [
      `rebuildPostgreSQLProjections({ projections: [pongoSingleStreamProjection(account summary)], pulling: { batchSize: ${batchSize} } }) — Emmett 0.42's rebuild`,
      'seeded with getPostgreSQLEventStore(url).appendToStream in 50-event appends, the same events as ours',
      ...(partial ? [`stopped after its ${Math.round(budgetMs / 1000)} s budget: rate over the ${folded.toLocaleString('en')} events it folded`] : []),
    ],
  };
};
