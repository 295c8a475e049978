import styles from './flows-chart.module.css';

/** The colour key, as HTML beside the chart so it reads at any width. */
export function FlowsLegend() {
  return (
    <ul className={styles.legend}>
      <li>
        <span className={`${styles.swatch} ${styles.swatchIn}`} aria-hidden="true" />
        Deposits
      </li>
      <li>
        <span className={`${styles.swatch} ${styles.swatchOut}`} aria-hidden="true" />
        Withdrawals
      </li>
    </ul>
  );
}
