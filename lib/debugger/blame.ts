import type { RecordedEvent } from '../core/envelope';
import { sameJson } from './changed-paths';
import type { BlameChange } from './blame-schemas';

export type { BlameChange, BlameResult } from './blame-schemas';

/** The newest changes an answer lists when a field changed more often (its count is still exact). */
export const MAX_BLAME_CHANGES = 1_000;
/** The changes a fold keeps, so that earlier versions can be answered from a later fold. */
export const MAX_KEPT_CHANGES = 100_000;

/**
 * A field's value in a state: own fields of plain objects only (as the breakpoint language reads
 * them), and null where the path leads nowhere, so a value always has a JSON form.
 */
export const readPath = (state: unknown, segments: readonly string[]): unknown => {
  let current: unknown = state;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, segment)) return null;
    current = (current as Record<string, unknown>)[segment];
  }
  return current === undefined ? null : current;
};

/** Values that are equal exactly when they are identical (NaN and Infinity are not: JSON reads both as null). */
const isPrimitive = (value: unknown): boolean =>
  value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'bigint' || (typeof value === 'number' && Number.isFinite(value));

const commandTypeOf = (metadata: Record<string, unknown>): string | null => {
  const command = metadata.command as { type?: unknown } | undefined;
  return command && typeof command.type === 'string' ? command.type : null;
};

/**
 * The instrumented fold: given each step of a fold (event, state before, state after), it records
 * the writes to one path. Evolve functions copy what they change and share what they do not, so
 * an unchanged field is usually the same reference and costs no comparison.
 */
export class BlameRecorder {
  private readonly segments: readonly string[];
  readonly changes: BlameChange[] = [];
  total = 0;
  initial: unknown;
  value: unknown;

  constructor(path: string, initialState: unknown, private readonly keep = MAX_KEPT_CHANGES) {
    this.segments = path.split('.');
    this.initial = readPath(initialState, this.segments);
    this.value = this.initial;
  }

  visit(event: RecordedEvent, before: unknown, after: unknown): void {
    const was = readPath(before, this.segments);
    const now = readPath(after, this.segments);
    if (was === now) return;
    // Most fields are numbers and strings: two different primitives differ, and need no copy.
    const primitives = isPrimitive(was) && isPrimitive(now);
    if (!primitives && sameJson(was, now)) return;
    this.total++;
    this.value = now;
    if (this.changes.length === this.keep) this.changes.shift();
    this.changes.push({
      version: event.streamVersion,
      globalPosition: event.globalPosition,
      type: event.type,
      recordedAt: event.recordedAt.toISOString(),
      actor: String(event.metadata.actor),
      correlationId: String(event.metadata.correlationId),
      commandId: event.metadata.commandId ?? null,
      command: commandTypeOf(event.metadata),
      before: primitives ? was : structuredClone(was),
      after: primitives ? now : structuredClone(now),
    });
  }
}

/** The value at `version` rebuilt from the recorded deltas alone: the law the property test checks. */
export const valueFromChanges = (initial: unknown, changes: readonly BlameChange[], version: number): unknown => {
  let value = initial;
  for (const change of changes) {
    if (change.version > version) break;
    value = change.after;
  }
  return value;
};
