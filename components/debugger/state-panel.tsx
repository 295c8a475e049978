'use client';

import type { Currency } from '@/lib/domain/account/money';
import { ShownValue } from './shown-value';
import blameStyles from './blame-panel.module.css';
import styles from './debugger.module.css';

type Leaf = { path: string; value: unknown };

const leaves = (value: unknown, prefix = ''): Leaf[] =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => leaves(inner, prefix ? `${prefix}.${key}` : key))
    : [{ path: prefix, value }];

const lookup = (value: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((current, key) => (current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined), value);

/** The state at this version, fields this event changed highlighted with what they were before. */
export function StatePanel({
  state,
  previousState,
  changedPaths,
  title = 'State',
  version,
  currency = null,
  onBlame,
}: {
  state: unknown;
  previousState: unknown;
  changedPaths: readonly string[];
  title?: string;
  version?: number;
  /** Given: money fields show in it, their minor units in the title. */
  currency?: Currency | null;
  /** Given: each field's name opens its blame (which events made it). */
  onBlame?: (path: string) => void;
}) {
  const changed = new Set(changedPaths);
  const rows = leaves(state);
  // Fields the event removed still deserve a line.
  for (const path of changedPaths) if (!rows.some((row) => row.path === path)) rows.push({ path, value: undefined });
  return (
    <section className={styles.panel} aria-labelledby="state-panel-title" data-testid="state-panel" data-version={version}>
      <h2 id="state-panel-title">
        {title} <span className={styles.muted}>{changed.size ? `${changed.size} changed` : 'unchanged'}</span>
      </h2>
      <table className={styles.stateTable}>
        <tbody>
          {rows.map(({ path, value }) => (
            <tr key={path} className={changed.has(path) ? styles.changed : undefined} data-changed={changed.has(path) || undefined}>
              <th scope="row">
                {onBlame && path ? (
                  <button type="button" className={blameStyles.fieldButton} onClick={() => onBlame(path)} title={`Blame ${path}: which events made it`}>
                    {path}
                  </button>
                ) : (
                  path
                )}
              </th>
              <td>
                <ShownValue path={path} value={value} currency={currency} />
                {changed.has(path) ? (
                  <span className={styles.before}>
                    was <ShownValue path={path} value={lookup(previousState, path)} currency={currency} />
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
