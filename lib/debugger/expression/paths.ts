import type { Expr } from './parse';

/** Every field path an expression reads, e.g. `balance` and `event.amount` in `balance < event.amount`. */
export const pathsOf = (expr: Expr): string[][] => {
  switch (expr.kind) {
    case 'literal':
      return [];
    case 'path':
      return [expr.segments];
    case 'not':
    case 'negate':
      return pathsOf(expr.operand);
    case 'arithmetic':
    case 'compare':
    case 'logical':
      return [...pathsOf(expr.left), ...pathsOf(expr.right)];
    default: {
      const _never: never = expr;
      return _never;
    }
  }
};

/** Whether the path names a field of this value (a field holding null counts: it exists). */
export const hasPath = (root: unknown, segments: readonly string[]): boolean => {
  let current: unknown = root;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, segment)) return false;
    current = (current as Record<string, unknown>)[segment];
  }
  return true;
};

/**
 * The fields a fold has met, to name them when a breakpoint asks for one that never exists:
 * top-level state fields (one level into objects) and the `event.…` fields of the events.
 */
export class FieldCatalog {
  private readonly state = new Set<string>();
  private readonly event = new Set<string>(['event.type', 'event.version']);

  noteState(value: unknown): void {
    if (value === null || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if (inner !== null && typeof inner === 'object' && !Array.isArray(inner)) for (const nested of Object.keys(inner)) this.state.add(`${key}.${nested}`);
      else this.state.add(key);
    }
  }

  noteEventData(data: unknown): void {
    if (data !== null && typeof data === 'object') for (const key of Object.keys(data)) this.event.add(`event.${key}`);
  }

  describe(): string {
    return `State fields: ${[...this.state].sort().join(', ') || 'none'}. Event fields: ${[...this.event].sort().join(', ')}.`;
  }
}
