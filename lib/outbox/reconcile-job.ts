import type { OutboxHistory } from './outbox-history';
import type { OutboxReconciler, ReconcileReport } from './outbox-reconciler';

export type ReconcileJobOptions = {
  intervalMs: number;
  /** Each run compares the rows sent in the last `windowMs`. */
  windowMs: number;
  /** Sent rows older than this are pruned after each run. */
  retentionMs: number;
  /** Only the relay that holds the lease runs the job, so several relays do not all read the broker. */
  isLeader: () => Promise<boolean>;
  log: (message: string) => void;
};

export type ReconcileRun = { report: ReconcileReport; pruned: number } | null;

/** The relay's periodic reconciliation and pruning of the outbox's sent rows. */
export class ReconcileJob {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    private readonly reconciler: OutboxReconciler,
    private readonly history: OutboxHistory,
    private readonly options: ReconcileJobOptions,
  ) {
    if (options.windowMs > options.retentionMs) {
      options.log(`OUTBOX_RECONCILE_WINDOW (${options.windowMs} ms) is longer than OUTBOX_SENT_RETENTION (${options.retentionMs} ms): rows pruned before they are compared`);
    }
  }

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** One run now, if this relay leads; null otherwise. */
  async runOnce(): Promise<ReconcileRun> {
    if (!(await this.options.isLeader())) return null;
    const now = this.history.now();
    const report = await this.reconciler.reconcile({ since: new Date(now.getTime() - this.options.windowMs), until: now });
    const pruned = await this.history.pruneSentBefore(new Date(now.getTime() - this.options.retentionMs));
    if (report.missing > 0) {
      this.options.log(
        `reconcile: the broker lacked ${report.missing} of ${report.sent} events sent since ${report.since}; ` +
          `republished ${report.republished} (${report.republishedUnderNewId} under a new message id), ${report.alreadyThere} were there after all`,
      );
    }
    if (pruned > 0) this.options.log(`reconcile: pruned ${pruned} sent outbox rows older than ${new Date(now.getTime() - this.options.retentionMs).toISOString()}`);
    return { report, pruned };
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .catch((error: unknown) => this.options.log(`reconcile failed (next try in ${this.options.intervalMs} ms): ${(error as Error).message}`))
        .finally(() => {
          this.running = null;
          this.schedule();
        });
    }, this.options.intervalMs);
    this.timer.unref?.();
  }
}
