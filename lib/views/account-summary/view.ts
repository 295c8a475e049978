import { defineView } from '../view';
import { accountSummaryProjection } from './projection';
import { accountSummaryQueries } from './queries';

/** One row per account (balance, status, owner, limits, dates), listed and paged by the accounts table. */
export const accountSummaryView = defineView({
  projection: accountSummaryProjection,
  sources: { listAccounts: ['account-summary'], accountSummary: ['account-summary'] },
  queries: accountSummaryQueries,
});
