import { ValidationError } from '../core/errors';
import { evaluate, ExpressionError, isTruthy, parseExpression, type Expr } from './expression';
import { FieldCatalog, hasPath, pathsOf } from './expression/paths';

/*
 * A breakpoint condition watched along one timeline, with the debugger's own rules
 * (DebuggerService.breakpoints): it reads the state after each event and `event.type`,
 * `event.version` and the event's data as `event.…`; a condition on the state is a hit where it
 * turns true, one on the event a hit at every event where it holds.
 */

export type WatchedEvent = { type: string; data: unknown; version: number };

export type Watch<Hit> = { hits: Hit[]; hitCount: number; truncated: boolean };

export class BreakpointWatch<Hit> {
  private readonly onEvents: boolean;
  private holds: boolean;
  private readonly result: Watch<Hit> = { hits: [], hitCount: 0, truncated: false };

  constructor(
    private readonly condition: CompiledCondition,
    initialState: unknown,
    private readonly maxHits: number,
  ) {
    this.onEvents = condition.paths.some((path) => path[0] === 'event');
    condition.fields.noteState(initialState);
    this.holds = !this.onEvents && isTruthy(evaluate(condition.expr, initialState));
  }

  /** The state after `event`; `hit` builds the hit to record when it is one. */
  see(event: WatchedEvent, after: unknown, hit: () => Hit): void {
    // A condition on the state alone reads the state itself: no scope to build per event (most of a long fold's cost).
    const scope = this.onEvents || !this.condition.resolved ? this.condition.note(event, after) : after;
    const now = isTruthy(evaluate(this.condition.expr, scope));
    if (now && (this.onEvents || !this.holds)) {
      this.result.hitCount++;
      if (this.result.hits.length < this.maxHits) this.result.hits.push(hit());
      else this.result.truncated = true;
    }
    this.holds = now;
  }

  finish(): Watch<Hit> {
    return this.result;
  }
}

/** A parsed condition, shared by the watches of one question so that a field either timeline has counts as known. */
export class CompiledCondition {
  readonly expr: Expr;
  readonly paths: string[][];
  readonly fields = new FieldCatalog();
  private unresolved: string[][];

  constructor(readonly source: string) {
    try {
      this.expr = parseExpression(source);
    } catch (error) {
      if (error instanceof ExpressionError) throw new ValidationError('Invalid breakpoint expression', [{ path: 'breakpoint', message: error.message }]);
      throw error;
    }
    this.paths = pathsOf(this.expr);
    this.unresolved = this.paths;
  }

  get resolved(): boolean {
    return this.unresolved.length === 0;
  }

  /** The scope the condition reads after an event: the state's fields and `event.…`; fields are noted until every one is found. */
  note(event: WatchedEvent, state: unknown): object {
    const data = event.data !== null && typeof event.data === 'object' ? event.data : {};
    const scope = Object.assign({}, state, { event: Object.assign({}, data, { type: event.type, version: event.version }) });
    // The catalogue only names fields in the refusal of a condition some field of which is never found.
    if (this.unresolved.length === 0) return scope;
    this.fields.noteState(state);
    this.fields.noteEventData(data);
    this.unresolved = this.unresolved.filter((path) => !hasPath(scope, path));
    return scope;
  }

  /** A field no state or event of either timeline has is a 400 naming the fields there are, not a silent "0 hits". */
  assertResolved(): void {
    if (this.unresolved.length === 0) return;
    const names = [...new Set(this.unresolved.map((path) => path.join('.')))];
    throw new ValidationError('Invalid breakpoint expression', [
      { path: 'breakpoint', message: `No state or event of this stream has ${names.map((name) => `“${name}”`).join(' or ')}. ${this.fields.describe()}` },
    ]);
  }
}
