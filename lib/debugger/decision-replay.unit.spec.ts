import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../core/command-journal';
import type { RecordedEvent } from '../core/envelope';
import { RuleViolation } from '../core/errors';
import { accountAggregate } from '../domain/account/aggregate';
import type { AccountCommand } from '../domain/account/commands';
import type { AccountEvent } from '../domain/account/events';
import type { AccountState } from '../domain/account/state';
import { DecisionReplay, type Decide } from './decision-replay';
import { deriveCommand } from './derived-commands';

const STREAM = 'account-r1';
const today: Decide = (command, state) => accountAggregate.decider.decide(command as AccountCommand, state as AccountState);

/** A candidate decider that drops the overdraft check: any withdrawal from an open account goes through. */
const noOverdraftCheck: Decide = (command, state) => {
  const asked = command as AccountCommand;
  const account = state as AccountState;
  if (asked.type === 'WithdrawMoney' && account.status === 'open') {
    const { amount, description } = asked.data;
    return [{ type: 'MoneyWithdrawn', data: { accountId: account.accountId, amount, currency: account.currency, description: description ?? 'Withdrawal', withdrawnAt: asked.metadata.now } }];
  }
  return today(command, state);
};

/** A stricter candidate: no overdraft at all, whatever the account's limit. */
const noOverdraftAllowed: Decide = (command, state) => {
  const asked = command as AccountCommand;
  const account = state as AccountState;
  if (asked.type === 'WithdrawMoney' && account.status === 'open' && account.balance < asked.data.amount) throw new RuleViolation('insufficient_funds', 'no overdraft');
  return today(command, state);
};

type Asked = { name: 'deposit' | 'withdraw'; amount: number };

/**
 * A history made as the server makes it: each command decided by today's decider on the state
 * so far; accepted ones written with their command in the metadata, refused ones journalled.
 */
const historyOf = (limit: number, asks: readonly Asked[]) => {
  const events: RecordedEvent[] = [];
  const journal: JournalEntry[] = [];
  let state = accountAggregate.decider.initialState();
  const run = (name: string, input: Record<string, unknown>, index: number) => {
    const at = new Date(Date.UTC(2026, 0, 1, 0, index));
    const metadata = { commandId: `cmd-${index}`, now: at.toISOString(), actor: 'teller:ann', correlationId: `c-${index}` };
    const spec = accountAggregate.commands[name]!;
    try {
      const decided = accountAggregate.decider.decide({ type: spec.type, data: { ...input, accountId: 'r1' }, metadata } as AccountCommand, state);
      for (const event of decided) {
        events.push({
          eventId: `e-${events.length + 1}`,
          streamId: STREAM,
          streamVersion: events.length + 1,
          globalPosition: events.length + 1,
          type: event.type,
          schemaVersion: 1,
          data: event.data,
          metadata: { actor: metadata.actor, correlationId: metadata.correlationId, causationId: null, commandId: metadata.commandId, command: { type: spec.type, input } },
          recordedAt: at,
          hash: 'h',
        });
        state = accountAggregate.decider.evolve(state, event);
      }
    } catch (error) {
      if (!(error instanceof RuleViolation)) throw error;
      journal.push({ ...metadata, aggregate: 'account', command: name, type: spec.type, streamId: STREAM, causationId: null, decidedAtVersion: events.length, outcome: 'rejected', code: error.code, message: error.message, input, at });
    }
  };
  run('open', { owner: 'Ada', holderKind: 'person', currency: 'EUR', overdraftLimit: limit }, 0);
  asks.forEach(({ name, amount }, index) => run(name, { amount }, index + 1));
  return { events, journal };
};

const replay = (decide: Decide, events: RecordedEvent[], journal: JournalEntry[] = []) => {
  const run = new DecisionReplay({ aggregateFor: () => accountAggregate, decideFor: () => decide, derive: deriveCommand });
  run.addRefused(journal);
  // Chunks of any size: a stream's commands span them.
  for (let from = 0; from < events.length; from += 7) run.add(events.slice(from, from + 7));
  return run.finish();
};

const asks = fc.array(fc.record({ name: fc.constantFrom('deposit' as const, 'withdraw' as const), amount: fc.integer({ min: 1, max: 5_000 }) }), { maxLength: 40 });

describe('decision replay', () => {
  it('finds nothing to report when today’s decider made the history', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3_000 }), asks, (limit, asked) => {
        const { events, journal } = historyOf(limit, asked);
        const report = replay(today, events, journal);
        expect(report.findings).toEqual([]);
        expect(report.commandsReplayed).toBe(1 + asked.length);
        expect(report.same).toBe(report.commandsReplayed);
      }),
      { numRuns: 150 },
    );
  });

  it('names every refused withdrawal a candidate without the overdraft check would have accepted', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3_000 }), asks, (limit, asked) => {
        const { events, journal } = historyOf(limit, asked);
        const report = replay(noOverdraftCheck, events, journal);
        const refusedForFunds = journal.filter((entry) => entry.code === 'insufficient_funds');
        expect(report.findings.map((finding) => finding.commandId).sort()).toEqual(refusedForFunds.map((entry) => entry.commandId).sort());
        for (const finding of report.findings) expect(finding).toMatchObject({ verdict: 'now_accepted', recorded: { outcome: 'refused', code: 'insufficient_funds' }, now: { outcome: 'accepted', events: ['MoneyWithdrawn'] } });
      }),
      { numRuns: 150 },
    );
  });

  it('names every accepted withdrawal into the overdraft that a stricter candidate would refuse', () => {
    const { events } = historyOf(1_000, [
      { name: 'deposit', amount: 500 },
      { name: 'withdraw', amount: 800 },
      { name: 'deposit', amount: 1_000 },
      { name: 'withdraw', amount: 600 },
    ]);
    const report = replay(noOverdraftAllowed, events);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ commandId: 'cmd-2', command: 'WithdrawMoney', decidedAtVersion: 2, verdict: 'now_refused', now: { outcome: 'refused', code: 'insufficient_funds' } });
  });

  it('replays an import that bypassed the decider event by event, naming the withdrawal that overdrew', () => {
    const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 0, minute));
    const imported: AccountEvent[] = [
      { type: 'AccountOpened', data: { accountId: 'r1', holder: { name: 'Margaret Keller', kind: 'person' }, customerId: null, currency: 'EUR', overdraftLimit: 0, openedAt: at(0).toISOString() } },
      { type: 'MoneyDeposited', data: { accountId: 'r1', amount: 125_000, currency: 'EUR', description: 'Opening balance (legacy)', depositedAt: at(1).toISOString() } },
      { type: 'MoneyWithdrawn', data: { accountId: 'r1', amount: 110_000, currency: 'EUR', description: 'Rent (legacy)', withdrawnAt: at(2).toISOString() } },
      { type: 'MoneyWithdrawn', data: { accountId: 'r1', amount: 23_412, currency: 'EUR', description: 'Card batch (legacy)', withdrawnAt: at(3).toISOString() } },
    ];
    const events = imported.map((event, index): RecordedEvent => ({
      eventId: `i-${index}`,
      streamId: STREAM,
      streamVersion: index + 1,
      globalPosition: index + 1,
      type: event.type,
      schemaVersion: 1,
      data: event.data,
      metadata: { actor: 'import:legacy-core', correlationId: 'imp', causationId: null, commandId: 'import-1', command: { type: 'ImportLegacyAccount', input: { events: 4 } } },
      recordedAt: at(index),
      hash: 'h',
    }));
    const report = replay(today, events);
    expect(report).toMatchObject({ commandsReplayed: 4, derived: 4, same: 3, differing: 1 });
    expect(report.findings[0]).toMatchObject({
      recordedCommand: 'ImportLegacyAccount',
      command: 'WithdrawMoney',
      derived: true,
      decidedAtVersion: 3,
      versions: { from: 4, to: 4 },
      verdict: 'now_refused',
      now: { outcome: 'refused', code: 'insufficient_funds' },
    });
  });

  it('only reports commands since a time, still folding what came before', () => {
    const { events } = historyOf(1_000, [
      { name: 'deposit', amount: 500 },
      { name: 'withdraw', amount: 800 },
      { name: 'withdraw', amount: 100 },
    ]);
    const run = new DecisionReplay({ aggregateFor: () => accountAggregate, decideFor: () => noOverdraftAllowed, derive: deriveCommand, since: new Date(Date.UTC(2026, 0, 1, 0, 3)) });
    run.add(events);
    const report = run.finish();
    expect(report.commandsReplayed).toBe(1);
    expect(report.findings).toMatchObject([{ commandId: 'cmd-3', verdict: 'now_refused' }]);
  });
});
