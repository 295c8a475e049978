import { accountUpcasters } from '../../domain/account/upcasters';
import { parseDuration } from '../../outbox/durations';
import { JetStreamInventory } from '../../outbox/jetstream-inventory';
import { messagingConfig } from '../../outbox/messaging-config';
import { NatsBus } from '../../outbox/nats-bus';
import { OutboxHistory } from '../../outbox/outbox-history';
import { OutboxReconciler, type ReconcileReport } from '../../outbox/outbox-reconciler';
import { UsageError, type Command } from '../command';
import type { CliContext } from '../context';
import { EXIT } from '../exit-codes';
import { noExtraArgs } from '../stream-args';

/** The start of the window: --since TIME, else now minus --window (default: OUTBOX_RECONCILE_WINDOW, 1 h). */
const windowStart = (values: Record<string, unknown>, now: Date, context: CliContext): Date => {
  if (values.since !== undefined && values.window !== undefined) throw new UsageError('Say --since or --window, not both');
  if (values.since !== undefined) {
    const since = new Date(String(values.since));
    if (Number.isNaN(since.getTime())) throw new UsageError(`--since must be a date and time such as 2026-12-01T09:00:00Z, got "${String(values.since)}"`);
    return since;
  }
  const raw = values.window === undefined ? null : String(values.window);
  const windowMs = raw === null ? messagingConfig(context.env).reconcileWindowMs : parseDuration(raw);
  if (windowMs === null) throw new UsageError(`--window must be a duration such as 30m, 6h or 7d, got "${raw}"`);
  return new Date(now.getTime() - windowMs);
};

const printReport = (report: ReconcileReport, dryRun: boolean, context: CliContext) => {
  context.out(`Outbox rows sent between ${report.since} and ${report.until}: ${report.sent}`);
  context.out(`Missing from the broker: ${report.missing}`);
  for (const id of report.missingEventIds.slice(0, 10)) context.out(`  ${id}`);
  if (report.missing > 10) context.out(`  … and ${report.missing - 10} more (--json lists up to 100)`);
  if (dryRun) return context.out('Dry run: nothing published.');
  if (report.missing > 0) {
    context.out(`Republished: ${report.republished} (${report.republishedUnderNewId} under a new message id: the broker still remembered the lost id)`);
    if (report.alreadyThere > 0) context.out(`Held after all (stored before the window): ${report.alreadyThere}`);
  }
};

export const outboxCommand: Command = {
  name: 'outbox',
  summary: 'compare the bus (JetStream) with the outbox and republish what it lost; prune sent rows',
  usage: `Usage: chronicle outbox reconcile [--since TIME | --window DURATION] [--dry-run]
       chronicle outbox prune [--older-than DURATION]

reconcile: the outbox is the source of truth. Reads which events the JetStream stream holds
(NATS_URL, NATS_STREAM) and compares them with the outbox rows marked sent in the window (default
the last OUTBOX_RECONCILE_WINDOW, 1 h); each one the broker lacks is published again with message
id = event id, so the broker's duplicate window drops repeats and consumers, which dedupe by event
id, act once. The relay does the same every OUTBOX_RECONCILE_INTERVAL (5 min). Exit 0 when nothing
was missing or all of it was republished.

prune: deletes sent rows older than --older-than (default OUTBOX_SENT_RETENTION, 7 d); the relay
does this after each reconciliation. Pending and parked rows are never pruned.

Options:
  --since TIME          the window starts here (ISO 8601, e.g. 2026-12-01T09:00:00Z)
  --window DURATION     the window is the last DURATION (30m, 6h, 7d)
  --dry-run             report what is missing, publish nothing
  --older-than DURATION prune rows sent longer ago than this`,
  options: { since: { type: 'string' }, window: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'older-than': { type: 'string' } },
  async run({ positionals, values }, context) {
    const [action] = positionals;
    noExtraArgs(positionals, 1);
    const history = new OutboxHistory(await context.readDb());
    const now = history.now();
    if (action === 'prune') {
      const raw = values['older-than'] === undefined ? null : String(values['older-than']);
      const keepMs = raw === null ? messagingConfig(context.env).sentRetentionMs : parseDuration(raw);
      if (keepMs === null) throw new UsageError(`--older-than must be a duration such as 24h or 7d, got "${raw}"`);
      const before = new Date(now.getTime() - keepMs);
      const pruned = await history.pruneSentBefore(before);
      if (context.json) context.outJson({ pruned, before: before.toISOString() });
      else context.out(`Pruned ${pruned} sent outbox rows older than ${before.toISOString()}`);
      return EXIT.ok;
    }
    if (action !== 'reconcile') throw new UsageError(action === undefined ? 'Say reconcile or prune' : `Unknown action "${action}": reconcile or prune`);
    const since = windowStart(values, now, context);
    const config = messagingConfig(context.env);
    if (!config.natsUrl) throw new UsageError('reconcile needs NATS_URL (the JetStream servers): with the in-process bus there is nothing to compare');
    const bus = await NatsBus.connect({
      servers: config.natsUrl,
      streamName: config.natsStream,
      subjectPrefix: config.natsSubjectPrefix,
      waitForServer: false,
    });
    context.onClose(() => bus.close());
    const dryRun = values['dry-run'] === true;
    const report = await new OutboxReconciler(history, new JetStreamInventory(bus), accountUpcasters).reconcile({ since, until: now, dryRun });
    if (context.json) context.outJson({ ...report, dryRun });
    else printReport(report, dryRun, context);
    return report.missing === 0 || (!dryRun && report.republished + report.alreadyThere === report.missing) ? EXIT.ok : EXIT.failure;
  },
};
