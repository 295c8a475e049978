'use client';

import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { authorize, commandAction, type CommandAction } from '@/lib/auth/policy';
import { accountAggregate } from '@/lib/domain/account/aggregate';
import type { AccountSummaryView } from '@/lib/views/account-summary/types';
import { useViewer } from '../auth/viewer-context';
import { CloseAccountForm } from './close-account-form';
import { formatDate } from './format';
import { InterestForm } from './interest-form';
import { MoneyForm } from './money-form';
import styles from './account.module.css';

const ALL_TABS = [
  { key: 'deposit', label: 'Deposit' },
  { key: 'withdraw', label: 'Withdraw' },
  { key: 'interest', label: 'Interest' },
  { key: 'close', label: 'Close' },
] as const;
type TabKey = (typeof ALL_TABS)[number]['key'];
const ACTION_OF: Record<TabKey, CommandAction> = {
  deposit: commandAction(accountAggregate, 'deposit'),
  withdraw: commandAction(accountAggregate, 'withdraw'),
  interest: commandAction(accountAggregate, 'interest'),
  close: commandAction(accountAggregate, 'close'),
};

/**
 * The commands the viewer may send, as tabs (WAI-ARIA tabs: arrow keys, Home and End move
 * between them). Every panel stays mounted, so a half-filled form or its last
 * message survives a look at another tab.
 */
export function AccountActions({ account }: { account: AccountSummaryView }) {
  const viewer = useViewer();
  // The viewer's commands on this account, by the policy the server enforces.
  const tabs = ALL_TABS.filter((tab) => authorize(viewer, ACTION_OF[tab.key], { owner: account.customerId }).allowed);
  if (tabs.length === 0) return <ReadOnlyNote />;
  return <ActionTabs key={tabs.map((tab) => tab.key).join()} account={account} tabs={tabs} />;
}

function ReadOnlyNote() {
  return (
    <section className="card" data-testid="read-only-note">
      <h2>Read-only access</h2>
      <p className="muted">You can see everything about this account, its history and its events, but you cannot change anything.</p>
    </section>
  );
}

function ActionTabs({ account, tabs: TABS }: { account: AccountSummaryView; tabs: ReadonlyArray<(typeof ALL_TABS)[number]> }) {
  const id = useId();
  const [active, setActive] = useState<TabKey>(TABS[0]!.key);
  const tabRefs = useRef(new Map<TabKey, HTMLButtonElement>());
  const closed = account.status === 'closed';

  const select = (index: number) => {
    const tab = TABS[(index + TABS.length) % TABS.length]!;
    setActive(tab.key);
    tabRefs.current.get(tab.key)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = TABS.findIndex((tab) => tab.key === active);
    const moves: Record<string, number> = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: TABS.length - 1 };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    select(next);
  };

  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="account-actions">
      <h2 id={`${id}-title`}>Manage this account</h2>
      {closed ? (
        <p className={styles.closedNote} data-testid="closed-note">
          This account was closed{account.closedAt ? ` on ${formatDate(account.closedAt)}` : ''}. Its history stays here, but money can no
          longer go in or out, so these actions are switched off.
        </p>
      ) : null}

      <div role="tablist" aria-label="Account actions" className={styles.tabs} onKeyDown={onKeyDown}>
        {TABS.map((tab) => (
          <button
            key={tab.key}
            ref={(element) => {
              if (element) tabRefs.current.set(tab.key, element);
              else tabRefs.current.delete(tab.key);
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${tab.key}`}
            aria-controls={`${id}-panel-${tab.key}`}
            aria-selected={active === tab.key}
            tabIndex={active === tab.key ? 0 : -1}
            className={styles.tab}
            onClick={() => setActive(tab.key)}
          >
            {tab.label}
          </button>
        ))}
      </div>

      <fieldset disabled={closed} className={styles.bareFieldset}>
        <legend className="visually-hidden">{closed ? 'Actions (switched off: the account is closed)' : 'Actions'}</legend>
        {TABS.map((tab) => (
          <div
            key={tab.key}
            role="tabpanel"
            id={`${id}-panel-${tab.key}`}
            aria-labelledby={`${id}-tab-${tab.key}`}
            hidden={active !== tab.key}
          >
            {tab.key === 'deposit' || tab.key === 'withdraw' ? (
              <MoneyForm kind={tab.key} account={account} />
            ) : tab.key === 'interest' ? (
              <InterestForm account={account} />
            ) : (
              <CloseAccountForm account={account} />
            )}
          </div>
        ))}
      </fieldset>
    </section>
  );
}
