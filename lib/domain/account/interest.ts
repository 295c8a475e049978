const MS_PER_DAY = 86_400_000;

/**
 * Simple interest for a period at an annual rate, in minor units, rounded
 * down. BigInt keeps balance × rate × days exact beyond 2^53.
 */
export const interestFor = (balance: number, rateBasisPoints: number, periodStart: string, periodEnd: string): number => {
  if (balance <= 0) return 0;
  const days = Math.floor((Date.parse(periodEnd) - Date.parse(periodStart)) / MS_PER_DAY);
  if (days <= 0) return 0;
  return Number((BigInt(balance) * BigInt(rateBasisPoints) * BigInt(days)) / (10_000n * 365n));
};
