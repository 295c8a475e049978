import { commandFor, idOfStream, type AnyAggregate } from '../core/aggregate';
import type { RecordedEvent } from '../core/envelope';
import type { JournalEntry } from '../core/command-journal';
import { isChronicleError } from '../core/errors';
import { sameJson } from './changed-paths';

/*
 * Decision replay: each recorded command decided again, at the version it was decided on, by
 * today's decider or a candidate's, and compared with what was recorded. Nothing is written.
 *
 * What is recorded: accepted commands carry their type and validated input in their events'
 * metadata (dispatch.ts); refused ones would be in the command journal, which has a port but no
 * adapter yet, so refused → accepted cannot be found from stored data today. Events written
 * without a command the decider knows (legacy imports, migrations) are replayed one event at a
 * time with a command derived from the event (`derived: true`), when the aggregate can derive one.
 */

export type Decide = (command: unknown, state: unknown) => unknown[];
export type DerivedCommand = { name: string; input: Record<string, unknown> };

export type ReplayOptions = {
  aggregateFor: (streamId: string) => AnyAggregate | null;
  /** The decider to ask: a candidate for one aggregate, today's for the others. */
  decideFor: (aggregate: AnyAggregate) => Decide;
  /** A command read back from an event, for history written without one; null when none can be. */
  derive: (aggregate: AnyAggregate, event: RecordedEvent) => DerivedCommand | null;
  /** Only commands whose first event was recorded at or after this. */
  since?: Date;
  /** At most this many differing decisions are listed (all are counted). */
  maxFindings?: number;
};

export type Outcome = { outcome: 'accepted'; events: string[] } | { outcome: 'refused'; code: string; message: string } | { outcome: 'failed'; message: string };

export type Verdict = 'now_refused' | 'different_events' | 'now_failed' | 'now_accepted';

export type ReplayFinding = {
  streamId: string;
  commandId: string | null;
  /** The command as recorded (`ImportLegacyAccount`), or `(none)`. */
  recordedCommand: string;
  /** The command decided again: the recorded one, or one derived from an event. */
  command: string;
  derived: boolean;
  /** The stream's version the decision was made on. */
  decidedAtVersion: number;
  /** The versions its events took (a refused command: the version it saw, twice). */
  versions: { from: number; to: number };
  /** Its first event's position; null for a refused command (it wrote none). */
  globalPosition: number | null;
  actor: string;
  recordedAt: string;
  recorded: Outcome;
  now: Outcome;
  verdict: Verdict;
};

export type ReplayReport = {
  commandsReplayed: number;
  /** Of those, decided on a command derived from an event. */
  derived: number;
  same: number;
  differing: number;
  /** Events no command could be rebuilt or derived for (counted, not replayed). */
  notReplayable: number;
  findings: ReplayFinding[];
  truncated: boolean;
  eventsRead: number;
  elapsedMs: number;
  commandsPerSecond: number;
};

export const MAX_FINDINGS = 1_000;

type Group = { events: RecordedEvent[]; stateBefore: unknown };
type Tracked = { aggregate: AnyAggregate; state: unknown; version: number; group: Group | null; refused: JournalEntry[] };

const recordedCommandOf = (event: RecordedEvent): { type: string; input: Record<string, unknown> } | null => {
  const command = event.metadata.command as { type?: unknown; input?: unknown } | undefined;
  if (!command || typeof command.type !== 'string') return null;
  return { type: command.type, input: command.input !== null && typeof command.input === 'object' ? (command.input as Record<string, unknown>) : {} };
};

/**
 * Events compared as the decider makes them: the same types and data, except for fields it
 * stamped with the decision's time (`now`), which the replay can only approximate by the time
 * the event was recorded.
 */
const sameEvents = (recorded: readonly RecordedEvent[], decided: readonly unknown[], now: string): boolean =>
  recorded.length === decided.length &&
  recorded.every((event, index) => {
    const other = decided[index] as { type?: unknown; data?: unknown };
    if (event.type !== other.type) return false;
    const data = (other.data ?? {}) as Record<string, unknown>;
    const stamped = Object.keys(data).filter((key) => data[key] === now);
    const strip = (value: unknown) => Object.fromEntries(Object.entries((value ?? {}) as Record<string, unknown>).filter(([key]) => !stamped.includes(key)));
    return sameJson(strip(event.data), strip(data));
  });

const decideSafely = (decide: Decide, command: unknown, state: unknown): { events: unknown[] } | Outcome => {
  try {
    return { events: decide(command, state) };
  } catch (error) {
    if (isChronicleError(error)) return { outcome: 'refused', code: error.code, message: error.message };
    return { outcome: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
};

/** Runs the replay over events in global order (each stream's in version order), chunk by chunk. */
export class DecisionReplay {
  private readonly streams = new Map<string, Tracked | null>();
  private readonly report: ReplayReport = { commandsReplayed: 0, derived: 0, same: 0, differing: 0, notReplayable: 0, findings: [], truncated: false, eventsRead: 0, elapsedMs: 0, commandsPerSecond: 0 };
  private readonly started = performance.now();
  private readonly refused = new Map<string, JournalEntry[]>();

  constructor(private readonly options: ReplayOptions) {}

  add(events: readonly RecordedEvent[]): void {
    for (const event of events) {
      this.report.eventsRead++;
      let tracked = this.streams.get(event.streamId);
      if (tracked === undefined) {
        const aggregate = this.options.aggregateFor(event.streamId);
        tracked = aggregate ? { aggregate, state: aggregate.decider.initialState(), version: 0, group: null, refused: this.refused.get(event.streamId) ?? [] } : null;
        this.streams.set(event.streamId, tracked);
      }
      if (!tracked) continue;
      const commandId = event.metadata.commandId;
      const group = tracked.group;
      // One command's events are one batch: consecutive in their stream, under one command id.
      if (!(group && commandId && group.events[0]!.metadata.commandId === commandId)) {
        if (group) this.settle(tracked, group);
        tracked.group = { events: [], stateBefore: tracked.state };
      }
      this.decideRefused(tracked, event.streamVersion - 1);
      tracked.group!.events.push(event);
      tracked.state = tracked.aggregate.decider.evolve(tracked.state, event);
      tracked.version = event.streamVersion;
    }
  }

  /**
   * Commands the journal recorded as refused (or lost to a conflict), each decided again on the
   * state it saw. Give them before the events; those of streams never read are not replayed.
   */
  addRefused(entries: readonly JournalEntry[]): void {
    for (const entry of entries) {
      if (entry.outcome !== 'rejected' || (this.options.since && entry.at < this.options.since)) continue;
      this.refused.set(entry.streamId, [...(this.refused.get(entry.streamId) ?? []), entry].sort((a, b) => a.decidedAtVersion - b.decidedAtVersion));
    }
  }

  finish(): ReplayReport {
    for (const tracked of this.streams.values()) {
      if (!tracked) continue;
      if (tracked.group) this.settle(tracked, tracked.group);
      this.decideRefused(tracked, tracked.version);
    }
    const elapsed = performance.now() - this.started;
    this.report.elapsedMs = Math.round(elapsed);
    this.report.commandsPerSecond = elapsed > 0 ? Math.round((this.report.commandsReplayed / elapsed) * 1000) : 0;
    return this.report;
  }

  /** Journal entries decided on the stream at `version`, while the fold stands there. */
  private decideRefused(tracked: Tracked, version: number): void {
    while (tracked.refused.length > 0 && tracked.refused[0]!.decidedAtVersion <= version) {
      const entry = tracked.refused.shift()!;
      if (entry.decidedAtVersion < version) continue; // beyond what was read: its state is gone
      const { aggregate } = tracked;
      const name = aggregate.commands[entry.command] ? entry.command : Object.keys(aggregate.commands).find((key) => aggregate.commands[key]!.type === entry.type);
      if (!name) {
        this.report.notReplayable++;
        continue;
      }
      const metadata = { commandId: entry.commandId, now: entry.at.toISOString(), actor: entry.actor, correlationId: entry.correlationId ?? undefined, causationId: entry.causationId ?? undefined };
      const result = decideSafely(this.options.decideFor(aggregate), commandFor(aggregate, name, idOfStream(aggregate, entry.streamId), entry.input, metadata), tracked.state);
      this.report.commandsReplayed++;
      if (!('events' in result) && result.outcome === 'refused' && result.code === entry.code) {
        this.report.same++;
        continue;
      }
      this.report.differing++;
      if (this.report.findings.length >= (this.options.maxFindings ?? MAX_FINDINGS)) {
        this.report.truncated = true;
        continue;
      }
      const decidedNow: Outcome = 'events' in result ? { outcome: 'accepted', events: result.events.map((event) => String((event as { type?: unknown }).type)) } : result;
      this.report.findings.push({
        streamId: entry.streamId,
        commandId: entry.commandId,
        recordedCommand: entry.type,
        command: entry.type,
        derived: false,
        decidedAtVersion: entry.decidedAtVersion,
        versions: { from: entry.decidedAtVersion, to: entry.decidedAtVersion },
        globalPosition: null,
        actor: entry.actor,
        recordedAt: entry.at.toISOString(),
        recorded: { outcome: 'refused', code: entry.code, message: entry.message },
        now: decidedNow,
        verdict: decidedNow.outcome === 'accepted' ? 'now_accepted' : decidedNow.outcome === 'refused' ? 'now_refused' : 'now_failed',
      });
    }
  }

  private settle(tracked: Tracked, group: Group): void {
    tracked.group = null;
    const first = group.events[0]!;
    if (this.options.since && first.recordedAt < this.options.since) return;
    const { aggregate } = tracked;
    const recorded = recordedCommandOf(group.events.at(-1)!);
    const name = recorded ? Object.keys(aggregate.commands).find((key) => aggregate.commands[key]!.type === recorded.type) : undefined;
    if (recorded && name) {
      this.decideAgain(aggregate, group.events, group.stateBefore, { name, input: recorded.input }, recorded.type, false);
      return;
    }
    // No command the decider knows: each event on its own, asked for by the command derived from it.
    let state = group.stateBefore;
    for (const event of group.events) {
      const derived = this.options.derive(aggregate, event);
      if (derived) this.decideAgain(aggregate, [event], state, derived, recorded?.type ?? '(none)', true);
      else this.report.notReplayable++;
      state = aggregate.decider.evolve(state, event);
    }
  }

  private decideAgain(aggregate: AnyAggregate, events: RecordedEvent[], stateBefore: unknown, asked: DerivedCommand, recordedCommand: string, derived: boolean): void {
    const first = events[0]!;
    const now = first.recordedAt.toISOString();
    const metadata = {
      commandId: first.metadata.commandId ?? `replay-${first.eventId}`,
      now,
      actor: String(first.metadata.actor),
      correlationId: first.metadata.correlationId,
      causationId: first.metadata.causationId ?? undefined,
    };
    const id = idOfStream(aggregate, first.streamId);
    // A derived command is checked as a person's would be: what no one could have sent is refused as such.
    const parsed = derived ? aggregate.commands[asked.name]?.input.safeParse(asked.input) : undefined;
    if (parsed && !parsed.success) {
      this.record(aggregate, events, asked, recordedCommand, derived, { outcome: 'refused', code: 'invalid_input', message: parsed.error.issues.map((issue) => issue.message).join('; ') });
      return;
    }
    const input = parsed?.success ? (parsed.data as Record<string, unknown>) : asked.input;
    const result = decideSafely(this.options.decideFor(aggregate), commandFor(aggregate, asked.name, id, input, metadata), stateBefore);
    if ('events' in result && sameEvents(events, result.events, now)) {
      this.report.commandsReplayed++;
      if (derived) this.report.derived++;
      this.report.same++;
      return;
    }
    const decidedNow: Outcome = 'events' in result ? { outcome: 'accepted', events: result.events.map((event) => String((event as { type?: unknown }).type)) } : result;
    this.record(aggregate, events, asked, recordedCommand, derived, decidedNow);
  }

  private record(aggregate: AnyAggregate, events: RecordedEvent[], asked: DerivedCommand, recordedCommand: string, derived: boolean, decidedNow: Outcome): void {
    const first = events[0]!;
    const last = events.at(-1)!;
    this.report.commandsReplayed++;
    if (derived) this.report.derived++;
    this.report.differing++;
    if (this.report.findings.length >= (this.options.maxFindings ?? MAX_FINDINGS)) {
      this.report.truncated = true;
      return;
    }
    this.report.findings.push({
      streamId: first.streamId,
      commandId: first.metadata.commandId ?? null,
      recordedCommand,
      command: aggregate.commands[asked.name]?.type ?? asked.name,
      derived,
      decidedAtVersion: first.streamVersion - 1,
      versions: { from: first.streamVersion, to: last.streamVersion },
      globalPosition: first.globalPosition,
      actor: String(first.metadata.actor),
      recordedAt: first.recordedAt.toISOString(),
      recorded: { outcome: 'accepted', events: events.map((event) => event.type) },
      now: decidedNow,
      verdict: decidedNow.outcome === 'accepted' ? 'different_events' : decidedNow.outcome === 'refused' ? 'now_refused' : 'now_failed',
    });
  }
}
