import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AccountsSection } from '@/components/overview/accounts-section';
import { BankTotals } from '@/components/overview/bank-totals';
import { FlowsPanel } from '@/components/overview/flows-panel';
import { OpenAccountForm } from '@/components/overview/open-account-form';
import styles from '@/components/overview/overview.module.css';
import { authorize, commandAction } from '@/lib/auth/policy';
import { accountAggregate } from '@/lib/domain/account/aggregate';
import { requirePrincipal } from '@/lib/server/auth/current-principal';

export const metadata: Metadata = { title: 'Overview' };

/** The bank at a glance: totals, money flows, every account, and a way to open one. Data loads in the browser and stays live. */
export default async function OverviewPage() {
  const principal = await requirePrincipal('/');
  const canOpen = authorize(principal, commandAction(accountAggregate, 'open')).allowed;
  return (
    <div className={styles.page}>
      <header className={styles.pageHeader}>
        <div>
          <h1 className={styles.title}>Overview</h1>
          <p className={styles.lede}>Every balance here is the sum of its recorded events, and the page follows new ones as they happen.</p>
        </div>
      </header>
      <BankTotals />
      <div className={styles.columns}>
        <FlowsPanel />
        {canOpen ? <OpenAccountForm /> : null}
      </div>
      {/* The accounts read the URL's filters; a static render would wait here for the browser. */}
      <Suspense fallback={<div className="card skeleton" style={{ height: '24rem' }} aria-hidden="true" />}>
        <AccountsSection />
      </Suspense>
    </div>
  );
}
