import type { z } from 'zod';
import { RuleViolation } from '../core/errors';
import type { CommandJournal } from '../core/command-journal';
import type { NewEvent } from '../core/envelope';
import type { EventStore } from '../core/event-store';
import { crossesSnapshotBoundary, type SnapshotPolicy, type SnapshotStore } from '../core/snapshots';
import type { AccountCommand } from '../domain/account/commands';
import { accountDecider, accountStreamId } from '../domain/account/decider';
import type { AccountEvent } from '../domain/account/events';
import type { AccountState } from '../domain/account/state';
import { accountUpcasters } from '../domain/account/upcasters';
import { ACCOUNT_COMMANDS } from '../commands/account-commands';
import { seededRandom } from './random';
import { seedPlan, type SeedPlanOptions, type SeedStep } from './seed-plan';

export type SeedOptions = SeedPlanOptions & {
  seed: number;
  /** The store's clock must read this, so events are recorded at simulated times. */
  setTime: (at: Date) => void;
  onProgress?: (done: number, total: number) => void;
  /** Leaves the snapshots the server's policy would have taken, so long streams load fast from the start. */
  snapshots?: { store: SnapshotStore; policy: SnapshotPolicy };
  /** Where the commands the rules refused are kept (the debugger shows them beside the events). */
  journal?: CommandJournal;
};

export type SeedSummary = { accounts: number; events: number; commands: number; refused: number };

/**
 * Replays a deterministic plan through the account decider (every rule
 * applies) and appends what it decides. State is kept in memory between
 * commands, so a 10,000-event stream is never replayed per command.
 */
export const seedBank = async (store: EventStore, options: SeedOptions): Promise<SeedSummary> => {
  const plan = seedPlan(seededRandom(options.seed), options);
  const accounts = new Map<string, { state: AccountState; version: number }>();
  const summary: SeedSummary = { accounts: 0, events: 0, commands: 0, refused: 0 };

  for (const [index, step] of plan.entries()) {
    options.setTime(step.at);
    const account = accounts.get(step.accountId) ?? { state: accountDecider.initialState(), version: 0 };
    const commandId = `seed-${options.seed}-${index}`;
    const outcome = step.kind === 'import' ? { events: step.events, command: importCommand(step) } : decideStep(step, account.state, commandId);
    const decision = outcome && 'refused' in outcome ? null : outcome;
    if (outcome && 'refused' in outcome && options.journal) {
      const { refused, command } = outcome;
      await options.journal.record({
        commandId,
        aggregate: 'account',
        command: step.kind === 'command' ? step.name : 'import',
        type: command.type,
        streamId: accountStreamId(step.accountId),
        actor: step.actor,
        correlationId: commandId,
        causationId: commandId,
        decidedAtVersion: account.version,
        outcome: 'rejected',
        code: refused.code,
        message: refused.message,
        input: command.input,
        at: step.at,
      });
    }
    // The same command record the dispatch path leaves, so the debugger can show what caused each event.
    const metadata = { actor: step.actor, commandId, correlationId: commandId, causationId: commandId, command: decision?.command };
    const decided = decision?.events;
    if (decided) {
      // Decided events are written at today's versions whatever store we are given; imports keep the version they came with.
      const events: NewEvent[] = accountUpcasters.stamp(decided);
      await store.appendToStream(
        accountStreamId(step.accountId),
        events.map((event) => ({ ...event, metadata: step.kind === 'import' ? { ...metadata, importedFrom: 'core-banking-v1', legacyRef: step.legacyRef } : metadata })),
        { expectedVersion: account.version, commandId },
      );
      if (account.version === 0) summary.accounts++;
      const current = events.map((event) => accountUpcasters.upcast({ ...event, schemaVersion: event.schemaVersion! }) as unknown as AccountEvent);
      const next = { state: current.reduce(accountDecider.evolve, account.state), version: account.version + events.length };
      accounts.set(step.accountId, next);
      const snapshots = options.snapshots;
      if (snapshots && crossesSnapshotBoundary(snapshots.policy, account.version, next.version)) {
        const { stateSchemaVersion } = snapshots.policy;
        await snapshots.store.save({ streamId: accountStreamId(step.accountId), ...next, stateSchemaVersion, createdAt: step.at });
      }
      summary.events += events.length;
      summary.commands++;
    } else {
      summary.refused++;
    }
    if (index % 250 === 0 || index === plan.length - 1) options.onProgress?.(index + 1, plan.length);
  }
  return summary;
};

/** The decider's answer; a rule's refusal (a customer trying to overspend, say); or null when there was nothing to ask. */
type SeedDecision = { events: NewEvent[]; command: { type: string; input: Record<string, unknown> } };
type SeedRefusal = { refused: RuleViolation; command: { type: string; input: Record<string, unknown> } };

/** The legacy import job, recorded as the command behind the events it brought in. */
const importCommand = (step: Extract<SeedStep, { kind: 'import' }>) => ({
  type: 'ImportLegacyAccount',
  input: { source: 'core-banking-v1', legacyRef: step.legacyRef, events: step.events.length },
});

const decideStep = (step: Extract<SeedStep, { kind: 'command' }>, state: AccountState, commandId: string): SeedDecision | SeedRefusal | null => {
  const input = { ...step.input };
  if (step.amountFromBalance !== undefined) {
    const balance = state.status === 'open' ? state.balance : 0;
    const amount = Math.floor(balance * step.amountFromBalance);
    if (amount <= 0) return null;
    input.amount = amount;
  }
  const schema = ACCOUNT_COMMANDS[step.name].input as z.ZodType<Record<string, unknown>>;
  const data = schema.parse(input);
  const command = {
    type: ACCOUNT_COMMANDS[step.name].type,
    data: { ...data, accountId: step.accountId },
    metadata: { commandId, now: step.at.toISOString(), actor: step.actor },
  } as AccountCommand;
  try {
    return { events: accountDecider.decide(command, state), command: { type: command.type, input: data } };
  } catch (error) {
    if (error instanceof RuleViolation) return { refused: error, command: { type: command.type, input: data } };
    throw error;
  }
};
