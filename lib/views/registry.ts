import { accountSummaryProjection } from './account-summary-projection';
import { accountTransactionsProjection } from './account-transactions-projection';
import { bankTotalsProjection } from './bank-totals-projection';
import type { Projection } from './projection';

export const PROJECTIONS: readonly Projection[] = [accountSummaryProjection, accountTransactionsProjection, bankTotalsProjection];

export const projectionNamed = (name: string): Projection | undefined => PROJECTIONS.find((p) => p.name === name);
