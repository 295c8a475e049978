import { describe, expect, it } from 'vitest';
import type { OutboxHistory } from './outbox-history';
import type { OutboxReconciler, ReconcileReport } from './outbox-reconciler';
import { ReconcileJob } from './reconcile-job';

const NOW = new Date('2026-12-02T12:00:00.000Z');

const fakes = (leader: boolean, missing = 0) => {
  const calls: string[] = [];
  const report = (since: Date): ReconcileReport => ({
    since: since.toISOString(),
    until: NOW.toISOString(),
    sent: 10,
    missing,
    republished: missing,
    republishedUnderNewId: 0,
    alreadyThere: 0,
    missingEventIds: [],
  });
  const reconciler = { reconcile: async ({ since }: { since: Date }) => (calls.push(`reconcile since ${since.toISOString()}`), report(since)) } as unknown as OutboxReconciler;
  const history = { now: () => NOW, pruneSentBefore: async (before: Date) => (calls.push(`prune before ${before.toISOString()}`), 3) } as unknown as OutboxHistory;
  const logged: string[] = [];
  const job = new ReconcileJob(reconciler, history, { intervalMs: 1_000, windowMs: 3_600_000, retentionMs: 86_400_000, isLeader: async () => leader, log: (line) => logged.push(line) });
  return { job, calls, logged };
};

describe('the relay’s periodic reconciliation', () => {
  it('given this relay does not hold the lease, then it leaves the broker and the outbox alone', async () => {
    const { job, calls } = fakes(false);
    expect(await job.runOnce()).toBeNull();
    expect(calls).toEqual([]);
  });

  it('given it leads, then it compares the last window and prunes rows older than the retention', async () => {
    const { job, calls, logged } = fakes(true, 2);
    const run = await job.runOnce();
    expect(calls).toEqual(['reconcile since 2026-12-02T11:00:00.000Z', 'prune before 2026-12-01T12:00:00.000Z']);
    expect(run).toMatchObject({ pruned: 3, report: { missing: 2 } });
    expect(logged.join('\n')).toMatch(/lacked 2 of 10[\s\S]*pruned 3/);
  });

  it('says so when the window reaches past the retention', () => {
    const logged: string[] = [];
    new ReconcileJob({} as OutboxReconciler, {} as OutboxHistory, { intervalMs: 1, windowMs: 10, retentionMs: 5, isLeader: async () => true, log: (line) => logged.push(line) });
    expect(logged).toEqual([expect.stringContaining('longer than OUTBOX_SENT_RETENTION')]);
  });
});
