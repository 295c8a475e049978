import type { DailyFlowView } from '@/lib/views/bank-totals/types';

/** One day of one currency's flows, in integer minor units; days without movements are zeros. */
export type DailyFlowPoint = { day: string; deposits: number; withdrawals: number; interest: number; movements: number };

export type FlowTotals = { deposits: number; withdrawals: number; interest: number; movements: number };

const DAY_MS = 86_400_000;

/** Every UTC day from `fromDay` to `toDay` (inclusive, `YYYY-MM-DD`), so quiet days show as gaps rather than vanish. */
export const dailySeries = (flows: readonly DailyFlowView[], currency: string, fromDay: string, toDay: string): DailyFlowPoint[] => {
  const byDay = new Map(flows.filter((flow) => flow.currency === currency).map((flow) => [flow.day, flow]));
  const points: DailyFlowPoint[] = [];
  const last = Date.parse(`${toDay}T00:00:00Z`);
  for (let time = Date.parse(`${fromDay}T00:00:00Z`); time <= last; time += DAY_MS) {
    const day = new Date(time).toISOString().slice(0, 10);
    const flow = byDay.get(day);
    points.push({
      day,
      deposits: flow?.deposits ?? 0,
      withdrawals: flow?.withdrawals ?? 0,
      interest: flow?.interest ?? 0,
      movements: flow?.movements ?? 0,
    });
  }
  return points;
};

/** Integer sums: money is added in minor units, never as floats. */
export const flowTotals = (points: readonly DailyFlowPoint[]): FlowTotals =>
  points.reduce(
    (sum, point) => ({
      deposits: sum.deposits + point.deposits,
      withdrawals: sum.withdrawals + point.withdrawals,
      interest: sum.interest + point.interest,
      movements: sum.movements + point.movements,
    }),
    { deposits: 0, withdrawals: 0, interest: 0, movements: 0 },
  );
