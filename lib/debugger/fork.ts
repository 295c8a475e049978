import { commandFor, type AnyAggregate } from '../core/aggregate';
import type { RecordedEvent } from '../core/envelope';
import { isChronicleError, NotFoundError, ValidationError, type FieldIssue } from '../core/errors';
import { BreakpointWatch, CompiledCondition } from './breakpoint-watch';
import { changedPaths } from './changed-paths';
import { eventDataSchema } from './fork-event-schemas';
import { jsonEqual } from './json-equal';
import { FORK_ROWS_AROUND, MAX_FORK_HITS, type ForkEdit, type ForkEditOutcome, type ForkHit, type ForkResult, type ForkRow } from './fork-schemas';

/*
 * A what-if fork of one stream: the original events in order with edits applied (an event
 * skipped, an event's data replaced, a command inserted after a version and decided by the
 * aggregate's real decider on the fork's state there), folded beside the original by the same
 * evolve. Both timelines' states are compared after every original version, so the first
 * divergence is exact; breakpoints run over both. Events after an edit are applied as recorded
 * (facts are not decided again). Pure: events in, answer out; nothing is written anywhere.
 */

export type ForkOptions = {
  streamId: string;
  head: number;
  /** The aggregate that decides inserted commands; null for a stream no aggregate owns (no inserts then). */
  aggregate: AnyAggregate | null;
  initialState: () => unknown;
  evolve: (state: unknown, event: RecordedEvent) => unknown;
  signedAmount: (event: RecordedEvent) => number | null;
  edits: readonly ForkEdit[];
  /** The original version both states are reported at. */
  at: number;
  breakpoint?: string;
  /** After each original version (0 included) with both states: for tests and test cases. */
  observe?: (version: number, original: unknown, fork: unknown) => void;
  /** Keep the fork's events up to `at` for a test case: at most this many, older ones folded into a given state. */
  collect?: number;
};

export type Refusal = { code: string; message: string };
export type GivenEvent = { type: string; data: unknown };

/** An inserted command as a test states it: the events before it (counted in the fork), the command, and what the decider said. */
export type When = { index: number; after: number; givenBefore: number; command: unknown; commandType: string; outcome: { events: GivenEvent[] } | { refused: Refusal } };

export type Collected = { givenState: { forkVersion: number; state: unknown } | null; given: GivenEvent[]; whens: When[]; whensBeforeWindow: number };

/** The id after the category: a migrated copy (`account_migrated-x`) is decided as its original's id. */
const idOf = (streamId: string): string => streamId.slice(streamId.indexOf('-') + 1);

type Insert = { index: number; command: string; input: Record<string, unknown> };

const WHAT_IF_ACTOR = 'what-if';

/**
 * Checks the edits against the stream before folding: versions that exist, commands the
 * aggregate declares, inputs their own schemas accept. Returns the inputs as parsed.
 */
export const validateEdits = (edits: readonly ForkEdit[], head: number, aggregate: AnyAggregate | null): Map<number, Record<string, unknown>> => {
  const issues: FieldIssue[] = [];
  const inputs = new Map<number, Record<string, unknown>>();
  edits.forEach((edit, index) => {
    const path = `edits.${index}`;
    if (edit.kind !== 'insert') {
      if (edit.version > head) issues.push({ path: `${path}.version`, message: `The stream has no v${edit.version}; its head is v${head}` });
      return;
    }
    if (edit.after > head) issues.push({ path: `${path}.after`, message: `The stream has no v${edit.after}; its head is v${head}` });
    if (!aggregate) {
      issues.push({ path: `${path}.command`, message: 'No aggregate decides this stream: commands cannot be inserted' });
      return;
    }
    const spec = Object.hasOwn(aggregate.commands, edit.command) ? aggregate.commands[edit.command] : undefined;
    if (!spec) {
      issues.push({ path: `${path}.command`, message: `The ${aggregate.name} has no command “${edit.command}”; it has ${Object.keys(aggregate.commands).join(', ')}` });
      return;
    }
    const parsed = spec.input.safeParse(edit.input);
    if (parsed.success) inputs.set(index, parsed.data as Record<string, unknown>);
    else for (const issue of parsed.error.issues) issues.push({ path: [path, 'input', ...issue.path.map(String)].join('.'), message: issue.message });
  });
  if (issues.length > 0) throw new ValidationError('Invalid fork', issues);
  return inputs;
};

/** Folds one stream's original events (give them in version order, in chunks of any size) into the original and the fork. */
export class ForkRun {
  private original: unknown;
  private fork: unknown;
  private forkVersion = 0;
  private version = 0;
  private begun = false;
  private readonly firstTouched: number;
  private readonly skips = new Map<number, number>();
  private readonly replacements = new Map<number, { index: number; data: Record<string, unknown> }>();
  private readonly inserts = new Map<number, Insert[]>();
  private readonly outcomes: ForkEditOutcome[];
  private readonly issues: FieldIssue[] = [];
  private readonly rows: ForkRow[] = [];
  private divergence: ForkResult['divergence'] = null;
  private atStates: { original: unknown; fork: unknown; forkVersion: number } | null = null;
  private readonly condition: CompiledCondition | null;
  private readonly watches: { original: BreakpointWatch<ForkHit>; fork: BreakpointWatch<ForkHit> } | null;
  private readonly collected: Collected | null;
  private readonly started = performance.now();
  private readonly at: number;

  constructor(private readonly options: ForkOptions) {
    const { edits, head, aggregate } = options;
    this.at = options.at;
    if (this.at > head) throw new NotFoundError(`Stream ${options.streamId} has no version ${this.at}; its head is ${head}`, 'version_not_found');
    const inputs = validateEdits(edits, head, aggregate);
    this.outcomes = edits.map((edit, index): ForkEditOutcome => ({
      index,
      kind: edit.kind,
      anchor: edit.kind === 'insert' ? edit.after : edit.version,
      outcome: 'applied',
      command: edit.kind === 'insert' ? (aggregate?.commands[edit.command]?.type ?? edit.command) : null,
      events: [],
      forkVersions: null,
      refusal: null,
    }));
    edits.forEach((edit, index) => {
      if (edit.kind === 'skip') this.skips.set(edit.version, index);
      else if (edit.kind === 'edit') this.replacements.set(edit.version, { index, data: edit.data });
      else this.inserts.set(edit.after, [...(this.inserts.get(edit.after) ?? []), { index, command: edit.command, input: inputs.get(index)! }]);
    });
    this.firstTouched = Math.min(Number.MAX_SAFE_INTEGER, ...this.outcomes.map((outcome) => outcome.anchor));
    this.original = options.initialState();
    this.fork = this.original;
    this.condition = options.breakpoint ? new CompiledCondition(options.breakpoint) : null;
    this.watches = this.condition
      ? { original: new BreakpointWatch(this.condition, this.original, MAX_FORK_HITS), fork: new BreakpointWatch(this.condition, this.original, MAX_FORK_HITS) }
      : null;
    this.collected = options.collect ? { givenState: null, given: [], whens: [], whensBeforeWindow: 0 } : null;
  }

  add(events: readonly RecordedEvent[]): void {
    for (const event of events) {
      if (event.streamVersion !== this.version + 1) throw new Error(`Fork of ${this.options.streamId}: expected v${this.version + 1}, got v${event.streamVersion}`);
      if (!this.begun) this.slot(0, new Date(event.recordedAt.getTime() - 1), null);
      this.slot(event.streamVersion, new Date(event.recordedAt.getTime() + 1), event);
      if (this.version >= this.options.head) return;
    }
  }

  finish(): ForkResult {
    if (this.version < this.options.head) throw new Error(`Fork of ${this.options.streamId}: folded to v${this.version} of ${this.options.head}`);
    if (!this.begun) this.slot(0, new Date(0), null);
    if (this.issues.length > 0) throw new ValidationError('Invalid fork', this.issues);
    this.condition?.assertResolved();
    const at = this.atStates!;
    return {
      streamId: this.options.streamId,
      head: this.options.head,
      forkHead: this.forkVersion,
      at: this.at,
      original: { version: this.at, state: at.original },
      fork: { version: at.forkVersion, state: at.fork },
      differingPaths: changedPaths(at.original, at.fork),
      divergence: this.divergence,
      differsAtHead: !jsonEqual(this.original, this.fork),
      edits: this.outcomes,
      rows: this.rows,
      breakpoint:
        this.condition && this.watches ? { expression: this.condition.source, original: this.watches.original.finish(), fork: this.watches.fork.finish() } : null,
      elapsedMs: Math.round(performance.now() - this.started),
    };
  }

  /** What a test case needs (when `collect` was asked for): the fork's events up to `at` and its inserted commands. */
  testCaseParts(): Collected {
    if (!this.collected) throw new Error('The fork was not asked to collect its events');
    return this.collected;
  }

  /** One original version: its event as the fork has it, then the commands inserted after it. */
  private slot(version: number, now: Date, event: RecordedEvent | null): void {
    this.begun = true;
    const touched = version >= this.firstTouched;
    // Until the first edit the fork is the original: one fold serves both.
    if (touched && this.fork === this.original) this.fork = structuredClone(this.original);
    if (event) {
      this.version = version;
      this.original = this.options.evolve(this.original, event);
      this.watches?.original.see({ type: event.type, data: event.data, version }, this.original, () => ({ version, anchor: version, type: event.type, inserted: false }));
      if (!touched) this.fork = this.original;
      this.applyToFork(event, touched);
    }
    for (const insert of this.inserts.get(version) ?? []) this.decideInserted(version, insert, now);
    if (this.divergence === null && touched && !jsonEqual(this.original, this.fork)) {
      this.divergence = { anchor: version, forkVersion: this.forkVersion, paths: changedPaths(this.original, this.fork) };
    }
    if (version === this.at) this.atStates = { original: this.original, fork: this.fork, forkVersion: this.forkVersion };
    this.options.observe?.(version, this.original, this.fork);
  }

  private applyToFork(event: RecordedEvent, touched: boolean): void {
    const version = event.streamVersion;
    const skipped = this.skips.get(version);
    if (skipped !== undefined) {
      this.row({ anchor: version, originalVersion: version, forkVersion: null, mark: 'skipped', edit: skipped, type: event.type, data: event.data, amount: this.options.signedAmount(event), refusal: null });
      return;
    }
    const replacement = this.replacements.get(version);
    const forked = replacement ? { ...event, data: this.checkedData(replacement.index, event.type, replacement.data) } : event;
    this.forkVersion++;
    if (touched) this.fork = this.evolveFork(replacement ? `edits.${replacement.index}.data` : 'edits', forked);
    if (replacement) this.outcomes[replacement.index]!.forkVersions = { from: this.forkVersion, to: this.forkVersion };
    this.seeFork(forked, version, false);
    this.row({
      anchor: version,
      originalVersion: version,
      forkVersion: this.forkVersion,
      mark: replacement ? 'edited' : 'same',
      edit: replacement?.index ?? null,
      type: event.type,
      data: forked.data,
      amount: this.options.signedAmount(forked),
      refusal: null,
    });
  }

  /**
   * Data no schema checks (an aggregate without event schemas) may be more than its evolve can
   * fold, there or in an event after it: the fork is refused naming the edit, not a failure.
   */
  private evolveFork(path: string, event: RecordedEvent): unknown {
    try {
      return this.options.evolve(this.fork, event);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (this.issues.length < 20) this.issues.push({ path, message: `The fork cannot fold v${event.streamVersion} (${event.type}) after the edits: ${reason}` });
      return this.fork;
    }
  }

  private checkedData(index: number, type: string, data: Record<string, unknown>): Record<string, unknown> {
    const schema = eventDataSchema(this.options.aggregate, type);
    if (!schema) return data;
    const parsed = schema.safeParse(data);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) this.issues.push({ path: [`edits.${index}.data`, ...issue.path.map(String)].join('.'), message: `${type}: ${issue.message}` });
    return data;
  }

  private decideInserted(after: number, insert: Insert, now: Date): void {
    const aggregate = this.options.aggregate!;
    const outcome = this.outcomes[insert.index]!;
    const metadata = { commandId: `what-if-${insert.index + 1}`, now: now.toISOString(), actor: WHAT_IF_ACTOR, correlationId: `what-if-${insert.index + 1}` };
    const givenBefore = this.forkVersion;
    let command: unknown = null;
    let decided: GivenEvent[];
    try {
      command = commandFor(aggregate, insert.command, idOf(this.options.streamId), insert.input, metadata);
      decided = (aggregate.decider.decide(command, this.fork) as GivenEvent[]).map((event) => ({ type: event.type, data: event.data }));
    } catch (error) {
      const refusal: Refusal = isChronicleError(error)
        ? { code: error.code, message: error.message }
        : { code: 'decider_error', message: error instanceof Error ? error.message : String(error) };
      outcome.outcome = 'refused';
      outcome.refusal = refusal;
      this.row({ anchor: after, originalVersion: null, forkVersion: null, mark: 'refused', edit: insert.index, type: outcome.command!, data: insert.input, amount: null, refusal });
      this.collectWhen({ index: insert.index, after, givenBefore, command, commandType: outcome.command!, outcome: { refused: refusal } });
      return;
    }
    outcome.outcome = 'accepted';
    outcome.events = decided.map((event) => event.type);
    if (decided.length > 0) outcome.forkVersions = { from: this.forkVersion + 1, to: this.forkVersion + decided.length };
    decided.forEach((made, n) => {
      this.forkVersion++;
      const event: RecordedEvent = {
        eventId: `what-if-${insert.index + 1}-${n + 1}`,
        streamId: this.options.streamId,
        streamVersion: this.forkVersion,
        globalPosition: 0,
        type: made.type,
        schemaVersion: 1,
        data: made.data,
        metadata: { actor: WHAT_IF_ACTOR, correlationId: metadata.correlationId, causationId: null, commandId: metadata.commandId, command: { type: outcome.command, input: insert.input } },
        recordedAt: now,
        hash: '',
      };
      this.fork = this.options.evolve(this.fork, event);
      this.seeFork(event, after, true);
      this.row({ anchor: after, originalVersion: null, forkVersion: this.forkVersion, mark: 'inserted', edit: insert.index, type: made.type, data: made.data, amount: this.options.signedAmount(event), refusal: null });
    });
    this.collectWhen({ index: insert.index, after, givenBefore, command, commandType: outcome.command!, outcome: { events: decided } });
  }

  private seeFork(event: RecordedEvent, anchor: number, inserted: boolean): void {
    const forkVersion = this.forkVersion;
    this.watches?.fork.see({ type: event.type, data: event.data, version: forkVersion }, this.fork, () => ({ version: forkVersion, anchor, type: event.type, inserted }));
    this.collect(event, anchor);
  }

  private collect(event: RecordedEvent, anchor: number): void {
    const collected = this.collected;
    // A fork with issues is refused at the end: nothing more to keep for it.
    if (!collected || anchor > this.at || this.issues.length > 0) return;
    collected.given.push({ type: event.type, data: event.data });
    if (collected.given.length <= this.options.collect!) return;
    // Longer than a test should list: the oldest event moves into the state the test starts from.
    const dropped = collected.given.shift()!;
    const from = collected.givenState ?? { forkVersion: 0, state: this.options.initialState() };
    collected.givenState = { forkVersion: from.forkVersion + 1, state: this.options.evolve(from.state, { ...(event as RecordedEvent), type: dropped.type, data: dropped.data }) };
    const kept = collected.whens.filter((when) => when.givenBefore >= collected.givenState!.forkVersion);
    collected.whensBeforeWindow += collected.whens.length - kept.length;
    collected.whens = kept;
  }

  private collectWhen(when: When): void {
    const collected = this.collected;
    if (!collected || when.after > this.at) return;
    if (when.givenBefore < (collected.givenState?.forkVersion ?? 0)) collected.whensBeforeWindow++;
    else collected.whens.push(when);
  }

  private row(row: ForkRow): void {
    if (Math.abs(row.anchor - this.at) <= FORK_ROWS_AROUND) this.rows.push(row);
  }
}
