import styles from './account.module.css';

/** The page's shape while the account loads: the same cards, without figures. */
export function AccountSkeleton() {
  return (
    <div className={styles.page} aria-busy="true" data-testid="account-loading">
      <p className="visually-hidden" role="status">
        Loading the account…
      </p>
      <div className={`skeleton ${styles.skeletonCrumb}`} />
      <div className={`card ${styles.summary}`} aria-hidden="true">
        <div className={styles.summaryMain}>
          <div className={styles.identity}>
            <div className="skeleton" style={{ width: '8rem' }} />
            <div className="skeleton" style={{ width: '14rem', height: '2rem' }} />
            <div className="skeleton" style={{ width: '18rem' }} />
          </div>
          <div className={styles.balanceBlock}>
            <div className="skeleton" style={{ width: '5rem', marginLeft: 'auto' }} />
            <div className="skeleton" style={{ width: '12rem', height: '2.5rem', marginLeft: 'auto' }} />
          </div>
        </div>
      </div>
      <div className={styles.layout} aria-hidden="true">
        <div className={`card ${styles.actionsArea}`}>
          <div className="skeleton" style={{ height: '2.5rem' }} />
          <div className="skeleton" style={{ height: '2.5rem' }} />
          <div className="skeleton" style={{ height: '2.5rem', width: '40%' }} />
        </div>
        <div className={`card ${styles.chartArea}`}>
          <div className={`skeleton ${styles.chartSkeleton}`} />
        </div>
        <div className={`card ${styles.historyArea}`}>
          {Array.from({ length: 5 }, (_, i) => (
            <div key={i} className="skeleton" style={{ height: '2.25rem' }} />
          ))}
        </div>
      </div>
    </div>
  );
}
