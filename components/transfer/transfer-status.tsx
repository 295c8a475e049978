'use client';

import Link from 'next/link';
import { formatDateTime, moneyText } from '@/components/account/format';
import { useAccountSummary } from '@/components/account/use-account-data';
import { ApiError } from '@/lib/client/api-client';
import { nextStepText, statusHeadline, stepTitle } from './step-copy';
import { useTransfer, type TransferView } from './transfer-queries';
import styles from './transfer.module.css';

/** A transfer followed live: its state, each step with its time, and where each step sits in the account streams. */
export function TransferStatus({ transferId }: { transferId: string }) {
  const query = useTransfer(transferId);

  if (query.isPending) {
    return (
      <div className={styles.page} aria-busy="true">
        <p className={styles.note}>Loading the transfer…</p>
      </div>
    );
  }
  if (query.isError && !query.data) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <div className={styles.page}>
        <Breadcrumb />
        <section className="card">
          <h1 className={styles.title}>{missing ? 'No such transfer' : 'The transfer could not be loaded'}</h1>
          <p>{missing ? `There is no transfer ${transferId}.` : 'Please try again in a moment.'}</p>
          {missing ? null : (
            <button type="button" className="button" onClick={() => void query.refetch()}>
              Try again
            </button>
          )}
        </section>
      </div>
    );
  }
  return <TransferDetails transfer={query.data} />;
}

function Breadcrumb() {
  return (
    <nav aria-label="Breadcrumb" className={styles.breadcrumb}>
      <ol>
        <li>
          <Link href="/">Overview</Link>
        </li>
        <li aria-current="page">Transfer</li>
      </ol>
    </nav>
  );
}

/** An account's holder when its summary loads, else its id (an unknown account stays an id). */
const useAccountName = (accountId: string): string => useAccountSummary(accountId).data?.owner ?? accountId;

function TransferDetails({ transfer }: { transfer: TransferView }) {
  const names = { from: useAccountName(transfer.fromAccountId), to: useAccountName(transfer.toAccountId) };
  const headline = statusHeadline(transfer);
  const next = nextStepText(transfer, names);
  return (
    <div className={styles.page} data-testid="transfer-page" data-status={transfer.status}>
      <Breadcrumb />
      <section className="card" aria-labelledby="transfer-title">
        <p className={styles.eyebrow}>Transfer</p>
        <h1 id="transfer-title" className={styles.title}>
          {moneyText(transfer.amount, transfer.currency)}
          <span className={styles.route}>
            {' '}
            from <Link href={`/accounts/${transfer.fromAccountId}`}>{names.from}</Link> to{' '}
            <Link href={`/accounts/${transfer.toAccountId}`}>{names.to}</Link>
          </span>
        </h1>
        <p className={`${styles.badge} ${styles[headline.tone]}`} role="status" data-testid="transfer-status">
          {headline.label}
        </p>
        {transfer.reason ? (
          <p className={styles.reason} data-testid="transfer-reason">
            <strong>Why:</strong> {transfer.reason.message}.{' '}
            {transfer.refunded ? `The ${moneyText(transfer.amount, transfer.currency)} went back to ${names.from}.` : null}
          </p>
        ) : null}
        <dl className={styles.facts}>
          <div>
            <dt>Reference</dt>
            <dd>{transfer.description}</dd>
          </div>
          <div>
            <dt>Requested</dt>
            <dd>{formatDateTime(transfer.requestedAt)}</dd>
          </div>
          {transfer.inFlight > 0 ? (
            <div>
              <dt>In flight</dt>
              <dd>{moneyText(transfer.inFlight, transfer.currency)}</dd>
            </div>
          ) : null}
          <div>
            <dt>Transfer id</dt>
            <dd>
              <code>{transfer.transferId}</code>
            </dd>
          </div>
        </dl>
      </section>

      <section className="card" aria-labelledby="steps-title">
        <div className={styles.cardHeader}>
          <h2 id="steps-title">Steps</h2>
          <Link href={transfer.links.debugger} className={styles.quiet}>
            Transfer stream in the debugger
          </Link>
        </div>
        <ol className={styles.steps} data-testid="transfer-steps">
          {transfer.steps.map((step) => (
            <li key={step.eventId} className={styles.step} data-type={step.type}>
              <span className={`${styles.dot} ${/Failed$/.test(step.type) ? styles.dotFailed : ''}`} aria-hidden="true" />
              <div>
                <p className={styles.stepTitle}>{stepTitle(step, transfer, names)}</p>
                <p className={styles.stepMeta}>
                  <time dateTime={step.at}>{formatDateTime(step.at)}</time>
                  {' · '}
                  <code>{step.type}</code>
                  {' · '}
                  <Link href={`/debugger/${transfer.streamId}?v=${step.version}`}>event {step.version}</Link>
                  {step.account ? (
                    <>
                      {' · '}
                      <Link href={`/debugger/${step.account.streamId}?v=${step.account.version}`}>
                        {step.account.accountId === transfer.fromAccountId ? names.from : names.to}&apos;s account at version {step.account.version}
                      </Link>
                    </>
                  ) : null}
                </p>
              </div>
            </li>
          ))}
          {next ? (
            <li className={`${styles.step} ${styles.upcoming}`} aria-live="polite">
              <span className={styles.dot} aria-hidden="true" />
              <p className={styles.stepTitle}>{next}…</p>
            </li>
          ) : null}
        </ol>
      </section>
    </div>
  );
}
