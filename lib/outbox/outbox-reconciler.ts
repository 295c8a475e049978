import type { UpcasterRegistry } from '../core/upcasting';
import type { StreamInventory } from './jetstream-inventory';
import type { OutboxHistory } from './outbox-history';
import { toBusMessage } from './to-bus-message';

export type ReconcileReport = {
  since: string;
  until: string;
  /** Outbox rows marked sent in the window. */
  sent: number;
  /** Of those, how many the broker did not hold. */
  missing: number;
  republished: number;
  /** Lost by the broker while it still remembered the id: sent again under a new message id. */
  republishedUnderNewId: number;
  /** Not in the window's scan, but the broker still holds it (stored long before the row was marked sent). */
  alreadyThere: number;
  missingEventIds: string[];
};

/**
 * How far before the window the broker's messages are read: a message is
 * stored before its row is marked sent (the ack comes first), but a relay that
 * died between the two marks the row later, and the two clocks may differ.
 */
export const STORED_BEFORE_SENT_MARGIN_MS = 5 * 60_000;

/**
 * Compares the outbox's sent rows of a window with what the broker holds and
 * publishes again what is missing. The outbox is the source of truth: a broker
 * that acknowledged and then lost a message (fsync on a timer, a node's disk)
 * gets it back; consumers already dedupe by event id.
 */
export class OutboxReconciler {
  constructor(
    private readonly history: OutboxHistory,
    private readonly inventory: StreamInventory,
    private readonly upcasters: UpcasterRegistry,
  ) {}

  async reconcile({ since, until = this.history.now(), dryRun = false }: { since: Date; until?: Date; dryRun?: boolean }): Promise<ReconcileReport> {
    // The outbox first: every row sent by `until` had its message acknowledged before the broker is read.
    const sent = await this.history.sentBetween(since, until);
    const held = sent.length === 0 ? new Set<string>() : await this.inventory.eventIdsSince(new Date(since.getTime() - STORED_BEFORE_SENT_MARGIN_MS));
    const missing = sent.filter((record) => !held.has(record.eventId));
    const report: ReconcileReport = {
      since: since.toISOString(),
      until: until.toISOString(),
      sent: sent.length,
      missing: missing.length,
      republished: 0,
      republishedUnderNewId: 0,
      alreadyThere: 0,
      missingEventIds: missing.slice(0, 100).map((record) => record.eventId),
    };
    if (dryRun || missing.length === 0) return report;
    for (const row of await this.history.withEvents(missing.map((record) => record.position))) {
      const outcome = await this.inventory.republish(toBusMessage(row.event, this.upcasters));
      if (outcome === 'already-there') report.alreadyThere++;
      else {
        report.republished++;
        if (outcome === 'stored-under-new-id') report.republishedUnderNewId++;
      }
    }
    return report;
  }
}
