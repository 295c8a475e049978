import { describe, expect, it } from 'vitest';
import type { DailyFlowView } from '@/lib/views/bank-totals/types';
import { dailySeries, flowTotals } from './daily-series';

const flow = (day: string, currency: string, deposits: number, withdrawals: number): DailyFlowView => ({
  day,
  currency,
  deposits,
  withdrawals,
  interest: 0,
  movements: 2,
});

describe('dailySeries', () => {
  it('gives every day of the window, quiet days as zeros, one currency only', () => {
    const flows = [flow('2026-10-30', 'EUR', 1_00, 50), flow('2026-11-01', 'EUR', 2_00, 0), flow('2026-10-31', 'USD', 9_99, 9_99)];
    expect(dailySeries(flows, 'EUR', '2026-10-30', '2026-11-01')).toEqual([
      { day: '2026-10-30', deposits: 1_00, withdrawals: 50, interest: 0, movements: 2 },
      { day: '2026-10-31', deposits: 0, withdrawals: 0, interest: 0, movements: 0 },
      { day: '2026-11-01', deposits: 2_00, withdrawals: 0, interest: 0, movements: 2 },
    ]);
  });

  it('crosses a daylight-saving change without skipping or repeating a day', () => {
    const days = dailySeries([], 'EUR', '2026-10-24', '2026-10-27').map((point) => point.day);
    expect(days).toEqual(['2026-10-24', '2026-10-25', '2026-10-26', '2026-10-27']);
  });
});

describe('flowTotals', () => {
  it('adds integer minor units exactly', () => {
    const points = dailySeries([flow('2026-01-01', 'EUR', 10, 20), flow('2026-01-02', 'EUR', 20, 10)], 'EUR', '2026-01-01', '2026-01-02');
    expect(flowTotals(points)).toEqual({ deposits: 30, withdrawals: 30, interest: 0, movements: 4 });
  });
});
