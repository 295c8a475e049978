import type { Projection } from '../projections/projection';
import { accountSummaryView } from './account-summary/view';
import { accountTransactionsView } from './account-transactions/view';
import { bankTotalsView } from './bank-totals/view';
import { customerStatsView } from './shared/customer-stats';

/**
 * Every read-model view, one line each; a view is a folder beside this file (its projection,
 * queries, response schemas and tests). The runtime runs their projections and answers their
 * queries (read-model-queries.ts); the CLI, the operations routes and the SSE progress read the list.
 */
export const VIEWS = [accountSummaryView, accountTransactionsView, bankTotalsView, customerStatsView] as const;

/** Every view's projection: its name, version, the event types it folds and its pure fold (`documentIds`, `evolve`). */
export const PROJECTIONS: readonly Projection[] = VIEWS.flatMap((view) => (view.projection ? [view.projection] : []));

export const projectionNamed = (name: string): Projection | undefined => PROJECTIONS.find((p) => p.name === name);
