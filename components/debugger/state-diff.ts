import { CURRENCIES, formatMoney, type Currency } from '@/lib/domain/account/money';

/** One line of a tree diff: a field (dotted path, with its depth for indenting) that differs between A and B. */
export type DiffRow = { path: string; depth: number; change: 'added' | 'removed' | 'changed'; before?: unknown; after?: unknown };

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * What differs between two states, walked as trees: objects are compared field by field (a whole
 * subtree added or removed is one row); arrays and values are compared whole. Keys in A's order, then B's new ones.
 */
export const diffStates = (a: unknown, b: unknown, prefix = '', depth = 0): DiffRow[] => {
  if (!isObject(a) || !isObject(b)) return same(a, b) ? [] : [{ path: prefix || '(state)', depth, change: 'changed', before: a, after: b }];
  const keys = [...Object.keys(a), ...Object.keys(b).filter((key) => !Object.hasOwn(a, key))];
  return keys.flatMap((key): DiffRow[] => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (!Object.hasOwn(b, key)) return [{ path, depth, change: 'removed', before: a[key] }];
    if (!Object.hasOwn(a, key)) return [{ path, depth, change: 'added', after: b[key] }];
    if (isObject(a[key]) && isObject(b[key])) return diffStates(a[key], b[key], path, depth + 1);
    return same(a[key], b[key]) ? [] : [{ path, depth, change: 'changed', before: a[key], after: b[key] }];
  });
};

/**
 * Fields that hold minor units of the state's currency, by their last name: the account's state and
 * its events, and the projections' documents (a ledger row's running balance, a day's flows).
 */
const MONEY_FIELDS = new Set([
  'balance',
  'overdraftLimit',
  'amount',
  'available',
  'availableBalance',
  'refunded',
  'debited',
  'credited',
  'balanceAfter',
  'deposits',
  'withdrawals',
  'interest',
]);

/** The currency a state is kept in, if it names one this bank knows. */
export const currencyOf = (state: unknown): Currency | null =>
  isObject(state) && typeof state.currency === 'string' && state.currency in CURRENCIES ? (state.currency as Currency) : null;

const isMoney = (path: string, value: unknown, currency: Currency | null): value is number =>
  currency !== null && typeof value === 'number' && Number.isInteger(value) && MONEY_FIELDS.has(path.split('.').at(-1)!);

/** A value as the reader should see it: money in the currency (e.g. €1,372.14), the rest as JSON. */
export const showValue = (path: string, value: unknown, currency: Currency | null): string => {
  if (value === undefined) return '(absent)';
  if (isMoney(path, value, currency)) return formatMoney(value, currency!);
  return JSON.stringify(value);
};

/** What is stored behind a value shown as money ("-8412 minor units"), for engineers comparing it with events and tables; null for anything else. */
export const rawMinorUnits = (path: string, value: unknown, currency: Currency | null): string | null =>
  isMoney(path, value, currency) ? `${value} minor units` : null;
