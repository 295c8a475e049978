import type { Currency } from '@/lib/domain/account/money';
import { rawMinorUnits, showValue } from './state-diff';
import styles from './debugger.module.css';

/**
 * One field's value for reading: money in its currency (negative marked), the rest as JSON. The
 * minor units stay in the title and `data-raw`, as the events and the tables hold them. Without a
 * currency every value is its JSON.
 */
export function ShownValue({ path, value, currency }: { path: string; value: unknown; currency: Currency | null }) {
  const raw = rawMinorUnits(path, value, currency);
  return (
    <span className={typeof value === 'number' && value < 0 ? styles.negative : undefined} title={raw ?? undefined} data-raw={raw === null ? undefined : String(value)}>
      {showValue(path, value, currency)}
    </span>
  );
}
