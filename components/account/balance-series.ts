import type { AccountSummaryView } from '@/lib/views/account-summary/types';
import type { TransactionView } from '@/lib/views/account-transactions/types';

/** One step of the balance line: from `time` on, the balance was `balance` (minor units). */
export type BalancePoint = { time: number; balance: number };

export type BalanceSeries = {
  points: BalancePoint[];
  lowest: BalancePoint;
  highest: BalancePoint;
  /** When the series begins: the opening, or the oldest movement fetched. */
  from: number;
  to: number;
};

/**
 * The balance as a step line, oldest first, from movements newest first. A
 * complete history starts at zero on the day the account opened; the line
 * runs on to now (or the closing) at the current balance.
 */
export const balanceSeries = (
  account: AccountSummaryView,
  newestFirst: readonly TransactionView[],
  complete: boolean,
  now: number,
): BalanceSeries | null => {
  const points: BalancePoint[] = [];
  if (complete) points.push({ time: Date.parse(account.openedAt), balance: 0 });
  for (let i = newestFirst.length - 1; i >= 0; i--) {
    const movement = newestFirst[i]!;
    points.push({ time: Date.parse(movement.occurredAt), balance: movement.balanceAfter });
  }
  const last = points.at(-1);
  if (!last) return null;
  const end = account.closedAt ? Date.parse(account.closedAt) : Math.max(now, last.time);
  if (end > last.time) points.push({ time: end, balance: account.balance });

  let lowest = points[0]!;
  let highest = points[0]!;
  for (const point of points) {
    if (point.balance < lowest.balance) lowest = point;
    if (point.balance > highest.balance) highest = point;
  }
  return { points, lowest, highest, from: points[0]!.time, to: points.at(-1)!.time };
};

/**
 * A value axis that always includes zero, with round ticks: steps of 1, 2, 2.5
 * or 5 times a power of ten (minor units), about `count` of them. A shallow dip
 * below zero gets a little room rather than a whole empty step.
 */
export const valueAxis = (low: number, high: number, count = 4): { domain: [number, number]; ticks: number[] } => {
  const bottom = Math.min(0, low);
  const top = Math.max(0, high);
  const rough = (top - bottom) / count || 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough) ?? 10 * power;
  const max = Math.max(Math.ceil(top / step) * step, bottom < 0 && top === 0 ? 0 : step);
  const roundMin = Math.floor(bottom / step) * step;
  const min = bottom - roundMin > step / 2 ? Math.floor(bottom - (max - bottom) * 0.04) : roundMin;
  const ticks: number[] = [];
  // `+ 0` turns the -0 of Math.ceil(-0.3) into 0, which would otherwise print as "-€0".
  for (let tick = Math.ceil(min / step) * step + 0; tick <= max; tick += step) ticks.push(tick);
  return { domain: [min, max], ticks };
};

const DAY_MS = 86_400_000;

/**
 * Calendar ticks for the time axis, in the viewer's zone: month starts for a
 * long range (every second or third month when there are many), midnights for
 * a shorter one; about `count` of them.
 */
export const timeAxis = (from: number, to: number, count = 6): { ticks: number[]; unit: 'month' | 'day' } => {
  const days = (to - from) / DAY_MS;
  const ticks: number[] = [];
  if (days >= 62) {
    const start = new Date(from);
    const months = (new Date(to).getFullYear() - start.getFullYear()) * 12 + new Date(to).getMonth() - start.getMonth();
    const step = Math.max(1, Math.ceil(months / count));
    for (let i = 1; ; i += step) {
      const tick = new Date(start.getFullYear(), start.getMonth() + i, 1).getTime();
      if (tick > to) break;
      ticks.push(tick);
    }
    return { ticks, unit: 'month' };
  }
  const step = Math.max(1, Math.ceil(days / count));
  const first = new Date(from);
  for (let i = 1; ; i += step) {
    const tick = new Date(first.getFullYear(), first.getMonth(), first.getDate() + i).getTime();
    if (tick > to) break;
    ticks.push(tick);
  }
  return { ticks, unit: 'day' };
};
