import { z } from 'zod';
import { BURST_COUNT, BURST_WINDOW_SECONDS, type CommandBurst } from './command-bursts';
import type { UpcasterGaps } from './upcaster-gaps';

/*
 * What deserves a look on a stream, for the debugger's header: each detector reads facts the
 * debugger already computes (a breakpoint fold, the hash chain, the snapshots, the state at the
 * head, the projections' lag) and says what it found, with the version to jump to.
 */

export const findingSchema = z.object({
  kind: z.enum(['overdrawn_beyond_limit', 'broken_hash_link', 'snapshot_drift', 'upcaster_gap', 'saga_past_deadline', 'command_burst', 'projection_behind']),
  severity: z.enum(['warning', 'error']),
  message: z.string(),
  version: z.number().int().min(0).nullable().describe('The version to look at, when the finding has one'),
});

export const findingsSchema = z
  .object({ streamId: z.string(), head: z.number().int().min(0), findings: z.array(findingSchema), checkedAt: z.iso.datetime({ offset: true }) })
  .meta({ id: 'StreamFindings' });

export type Finding = z.infer<typeof findingSchema>;
export type StreamFindings = z.infer<typeof findingsSchema>;

/** The breakpoint whose hits are overdrafts past the account's own limit. */
export const BEYOND_LIMIT = '-balance > overdraftLimit';
/** A transfer not finished this long after its last step is stuck. */
export const SAGA_DEADLINE_MS = 5 * 60_000;
/** A projection this far behind the log serves stale pages. */
export const PROJECTION_LAG_SECONDS = 30;

export type FindingFacts = {
  overdrafts?: { hits: Array<{ version: number }>; hitCount: number } | null;
  chain?: { ok: boolean; firstBreak: { streamVersion: number | null; message: string } | null } | null;
  snapshots?: Array<{ version: number; drift: boolean | null }> | null;
  transfer?: { state: { status: string; finishedAt?: string | null }; lastEventAt: Date; lastVersion: number } | null;
  projections?: Array<{ name: string; lag: { events: number; seconds: number } }> | null;
  upcasterGaps?: UpcasterGaps;
  commandBurst?: CommandBurst | null;
  now: Date;
};

export const detectFindings = (facts: FindingFacts): Finding[] => {
  const findings: Finding[] = [];
  const { overdrafts, chain, snapshots, transfer, projections, upcasterGaps, commandBurst } = facts;
  if (overdrafts && overdrafts.hitCount > 0) {
    findings.push({
      kind: 'overdrawn_beyond_limit',
      severity: 'error',
      message: `Balance went below the overdraft limit ${overdrafts.hitCount === 1 ? 'once' : `${overdrafts.hitCount} times`}, first at v${overdrafts.hits[0]!.version}`,
      version: overdrafts.hits[0]!.version,
    });
  }
  if (chain && !chain.ok) {
    findings.push({ kind: 'broken_hash_link', severity: 'error', message: `Hash chain broken: ${chain.firstBreak?.message ?? 'see the verification'}`, version: chain.firstBreak?.streamVersion ?? null });
  }
  for (const snapshot of snapshots ?? []) {
    if (snapshot.drift) findings.push({ kind: 'snapshot_drift', severity: 'warning', message: `Snapshot at v${snapshot.version} differs from the replayed state`, version: snapshot.version });
  }
  if (upcasterGaps) {
    const { first, count } = upcasterGaps;
    findings.push({
      kind: 'upcaster_gap',
      severity: 'error',
      message: `${count === 1 ? 'An event' : `${count} events`} cannot be upcast to the current schema, first ${first.type} v${first.schemaVersion} at v${first.version}: ${first.message}`,
      version: first.version,
    });
  }
  if (commandBurst) {
    const { count, conflicts, refusals, topCode, from, to } = commandBurst;
    const seconds = Math.round((to.getTime() - from.getTime()) / 1000);
    const parts = [refusals ? `${refusals} refused` : null, conflicts ? `${conflicts} lost to a version conflict` : null].filter(Boolean).join(', ');
    findings.push({
      kind: 'command_burst',
      severity: 'warning',
      message: `${count} commands in ${seconds} s did not become events (${parts}; mostly ${topCode}), from ${from.toISOString()} (a burst is ${BURST_COUNT} within ${BURST_WINDOW_SECONDS} s)`,
      version: commandBurst.version,
    });
  }
  if (transfer && transfer.state.status !== 'none' && transfer.state.status !== 'completed' && transfer.state.status !== 'failed') {
    const waited = facts.now.getTime() - transfer.lastEventAt.getTime();
    if (waited > SAGA_DEADLINE_MS) {
      findings.push({
        kind: 'saga_past_deadline',
        severity: 'error',
        message: `Transfer still ${transfer.state.status} ${Math.round(waited / 60_000)} min after its last step (deadline ${SAGA_DEADLINE_MS / 60_000} min)`,
        version: transfer.lastVersion,
      });
    }
  }
  for (const projection of projections ?? []) {
    if (projection.lag.seconds > PROJECTION_LAG_SECONDS) {
      findings.push({
        kind: 'projection_behind',
        severity: 'warning',
        message: `Projection ${projection.name} is ${Math.round(projection.lag.seconds)} s (${projection.lag.events} events) behind the log`,
        version: null,
      });
    }
  }
  return findings;
};
