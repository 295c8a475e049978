import type { AuditQueries } from '../core/audit-queries';
import type { CommandJournal, JournalEntry } from '../core/command-journal';
import type { RecordedEvent } from '../core/envelope';
import type { EventStore } from '../core/event-store';
import type { TransferEvent } from '../domain/transfer/events';
import type { CausalityLanes, CausalPlace, CommandMark, OutboxMark, SagaMark, SagaStep } from './causality-schemas';

/*
 * What the causality lanes show for one stream over a window of time, read from what is stored:
 * accepted commands from their events' metadata, refused and lost ones from the command journal,
 * the transfers' steps from their own streams (each step names the account leg it wrote), and the
 * outbox row of each event. Every read is bounded, so one request costs at most a few hundred rows.
 */

/** The most marks one lane holds in an answer (a stream's newest events in the window); a wider window says `truncated` (zoom in). */
export const MAX_MARKS = 300;
/** The most transfers whose steps one answer follows. */
export const MAX_TRANSFERS = 30;
/** A transfer stream holds at most a handful of events (requested, debit, credit or refusal, refund, end). */
const MAX_TRANSFER_EVENTS = 20;

export type PublishRecord = { position: number; status: string; sentAt: Date | null; attempts: number; lastError: string | null };

export type CausalitySources = {
  audit: Pick<AuditQueries, 'queryEvents'>;
  store: Pick<EventStore, 'readStream'>;
  journal: Pick<CommandJournal, 'list'>;
  /** The outbox rows at these global positions (missing ones were pruned after they were sent). */
  publishRecords: (positions: readonly number[]) => Promise<PublishRecord[]>;
  /** Whether the caller may read a stream (the stream asked about is known readable). */
  mayRead: (streamId: string) => Promise<boolean>;
};

export type CausalityWindow = { from: Date; to: Date };

/**
 * The transfer process manager's own command ids, `transfer:{transferId}:{step}` (legCommandId in
 * lib/transfer/transfer-legs.ts); clients may not send ids of that shape, so the prefix is trustworthy.
 */
const LEG_COMMAND = /^transfer:([A-Za-z0-9_-]+):(debit|credit|refund)$/;
const TRANSFER_PREFIX = 'transfer-';

export const causalityLanes = async (sources: CausalitySources, streamId: string, window: CausalityWindow): Promise<CausalityLanes> => {
  const readable = readableCache(streamId, sources.mayRead);
  // The store's times are half-open [from, to); the window is inclusive of its last instant.
  const [stored, journal] = await Promise.all([
    // The newest events of a wide window: what just happened; zooming in reaches older ones.
    sources.audit.queryEvents({ streamId, from: window.from, to: new Date(window.to.getTime() + 1), order: 'desc', limit: MAX_MARKS + 1 }),
    sources.journal.list({ streamId, from: window.from, to: window.to, limit: MAX_MARKS + 1 }),
  ]);
  const events = stored.slice(0, MAX_MARKS).reverse();
  const eventsTruncated = stored.length > MAX_MARKS;
  const transfers = transfersOf(streamId, events, journal);
  const transferEvents = new Map<string, RecordedEvent[]>(
    await Promise.all(transfers.map(async (id) => [id, await sources.store.readStream(`${TRANSFER_PREFIX}${id}`, { fromVersion: 1, limit: MAX_TRANSFER_EVENTS })] as const)),
  );
  const placesById = new Map<string, CausalPlace>();
  for (const list of transferEvents.values()) for (const event of list) placesById.set(event.eventId, { streamId: event.streamId, version: event.streamVersion });

  const accepted = acceptedCommands(events, placesById);
  // A leg's cause is a step in the transfer stream: named only to who may open it.
  for (const mark of accepted) if (mark.causedBy && !(await readable(mark.causedBy.streamId))) mark.causedBy = null;
  const refused = await Promise.all(journal.slice(0, MAX_MARKS).map((entry) => refusedCommand(entry, events, sources.store)));
  const commands = [...accepted, ...refused].sort(byTime);
  const saga = await sagaMarks(transferEvents, window, readable);
  const outbox = await outboxMarks(events, sources.publishRecords);

  return {
    streamId,
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    commands: { marks: commands.slice(-MAX_MARKS), truncated: eventsTruncated || journal.length > MAX_MARKS || commands.length > MAX_MARKS },
    saga: { marks: saga.marks.slice(0, MAX_MARKS), truncated: saga.marks.length > MAX_MARKS || transfers.length >= MAX_TRANSFERS, transfers, hidden: saga.hidden },
    outbox: { marks: outbox, truncated: eventsTruncated },
  };
};

const byTime = (a: { at: string }, b: { at: string }) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);

/** Asks once per stream; the stream being viewed is readable (the route checked). */
const readableCache = (viewed: string, mayRead: (streamId: string) => Promise<boolean>) => {
  const known = new Map<string, Promise<boolean>>([[viewed, Promise.resolve(true)]]);
  return (streamId: string): Promise<boolean> => {
    let answer = known.get(streamId);
    if (!answer) known.set(streamId, (answer = mayRead(streamId).catch(() => false)));
    return answer;
  };
};

/** The transfer itself, or the transfers whose legs (or refused legs) fall in the window. */
const transfersOf = (streamId: string, events: readonly RecordedEvent[], journal: readonly JournalEntry[]): string[] => {
  if (streamId.startsWith(TRANSFER_PREFIX)) return [streamId.slice(TRANSFER_PREFIX.length)];
  const ids = new Set<string>();
  for (const commandId of [...events.map((event) => event.metadata.commandId), ...journal.map((entry) => entry.commandId)]) {
    const leg = commandId ? LEG_COMMAND.exec(commandId) : null;
    if (leg && ids.size < MAX_TRANSFERS) ids.add(leg[1]!);
  }
  return [...ids];
};

const recordedCommand = (metadata: Record<string, unknown>): string | null => {
  const command = metadata.command as { type?: unknown } | undefined;
  return command && typeof command.type === 'string' ? command.type : null;
};

/** One mark per command: its events are contiguous in the stream; an event without a command is its own mark. */
const acceptedCommands = (events: readonly RecordedEvent[], places: ReadonlyMap<string, CausalPlace>): CommandMark[] => {
  const marks: CommandMark[] = [];
  let last: { commandId: string | null; mark: CommandMark } | null = null;
  for (const event of events) {
    const commandId = event.metadata.commandId ?? null;
    if (last && commandId !== null && last.commandId === commandId) {
      last.mark.version = event.streamVersion;
      last.mark.events.push(event.type);
      continue;
    }
    const causationId = event.metadata.causationId;
    const mark: CommandMark = {
      outcome: 'accepted',
      commandId: commandId ?? event.eventId,
      type: recordedCommand(event.metadata),
      actor: event.metadata.actor,
      at: event.recordedAt.toISOString(),
      streamId: event.streamId,
      version: event.streamVersion,
      events: [event.type],
      code: null,
      reason: null,
      lostTo: null,
      causedBy: causationId ? (places.get(causationId) ?? null) : null,
    };
    marks.push(mark);
    last = { commandId, mark };
  }
  return marks;
};

/** A command the journal kept: refused by a rule, or lost to the event written at the version after the one it saw. */
const refusedCommand = async (entry: JournalEntry, events: readonly RecordedEvent[], store: Pick<EventStore, 'readStream'>): Promise<CommandMark> => {
  let lostTo: CommandMark['lostTo'] = null;
  if (entry.outcome === 'conflicted') {
    const winnerVersion = entry.decidedAtVersion + 1;
    const winner =
      events.find((event) => event.streamVersion === winnerVersion) ??
      (await store.readStream(entry.streamId, { fromVersion: winnerVersion, toVersion: winnerVersion, limit: 1 }))[0];
    if (winner) lostTo = { version: winner.streamVersion, commandId: winner.metadata.commandId ?? null, actor: winner.metadata.actor, type: winner.type };
  }
  return {
    outcome: entry.outcome,
    commandId: entry.commandId,
    type: entry.type,
    actor: entry.actor,
    at: entry.at.toISOString(),
    streamId: entry.streamId,
    version: entry.decidedAtVersion,
    events: [],
    code: entry.code,
    reason: entry.message,
    lostTo,
    causedBy: null,
  };
};

type StepOf = { step: SagaStep; kind: SagaMark['kind']; label: string; leg: CausalPlace | null; reason: string | null };

const legPlace = (data: { accountId: string; accountVersion: number }): CausalPlace => ({ streamId: `account-${data.accountId}`, version: data.accountVersion });

/** A transfer event as a step of the saga, with the account leg it wrote. */
const stepOf = (event: TransferEvent): StepOf | null => {
  switch (event.type) {
    case 'TransferRequested':
      return { step: 'requested', kind: 'step', label: 'requested', leg: null, reason: null };
    case 'SourceDebited':
      return { step: 'debit', kind: 'step', label: 'debit', leg: legPlace(event.data), reason: null };
    case 'SourceDebitFailed':
      return { step: 'debit_refused', kind: 'refusal', label: 'debit refused', leg: null, reason: event.data.reason.message };
    case 'DestinationCredited':
      return { step: 'credit', kind: 'step', label: 'credit', leg: legPlace(event.data), reason: null };
    case 'DestinationCreditFailed':
      return { step: 'credit_refused', kind: 'refusal', label: 'credit refused', leg: null, reason: event.data.reason.message };
    case 'SourceRefunded':
      return { step: 'refund', kind: 'compensation', label: 'refund', leg: legPlace(event.data), reason: null };
    case 'TransferCompleted':
      return { step: 'completed', kind: 'end', label: 'completed', leg: null, reason: null };
    case 'TransferFailed':
      return { step: 'failed', kind: 'end', label: event.data.refunded ? 'failed, refunded' : 'failed', leg: null, reason: event.data.reason.message };
    default:
      return null;
  }
};

/**
 * Each step of each transfer inside the window, placed in the transfer stream and in the account
 * it moved money on. A place the caller may not read is left out; a step with no readable place is
 * counted in `hidden`; the reason (another account's rule) is shown only to readers of the transfer.
 */
const sagaMarks = async (transfers: ReadonlyMap<string, RecordedEvent[]>, window: CausalityWindow, readable: (streamId: string) => Promise<boolean>) => {
  const marks: SagaMark[] = [];
  let hidden = 0;
  for (const [transferId, events] of transfers) {
    for (const event of events) {
      if (event.recordedAt < window.from || event.recordedAt > window.to) continue;
      const step = stepOf(event as unknown as TransferEvent);
      if (!step) continue;
      const candidates = [{ streamId: event.streamId, version: event.streamVersion }, ...(step.leg ? [step.leg] : [])];
      const allowed = await Promise.all(candidates.map((place) => readable(place.streamId)));
      const places = candidates.filter((_, index) => allowed[index]);
      if (places.length === 0) {
        hidden += 1;
        continue;
      }
      marks.push({ transferId, step: step.step, kind: step.kind, label: step.label, at: event.recordedAt.toISOString(), reason: allowed[0] ? step.reason : null, places });
    }
  }
  return { marks: marks.sort(byTime), hidden };
};

const outboxMarks = async (events: readonly RecordedEvent[], publishRecords: CausalitySources['publishRecords']): Promise<OutboxMark[]> => {
  if (events.length === 0) return [];
  const records = new Map((await publishRecords(events.map((event) => event.globalPosition))).map((record) => [record.position, record]));
  return events.map((event): OutboxMark => {
    const record = records.get(event.globalPosition);
    const status: OutboxMark['status'] = !record ? 'pruned' : record.status === 'sent' || record.status === 'parked' ? record.status : 'pending';
    const sentAt = record?.status === 'sent' ? record.sentAt : null;
    return {
      streamId: event.streamId,
      version: event.streamVersion,
      position: event.globalPosition,
      type: event.type,
      recordedAt: event.recordedAt.toISOString(),
      status,
      publishedAt: sentAt ? sentAt.toISOString() : null,
      lagMs: sentAt ? sentAt.getTime() - event.recordedAt.getTime() : null,
      attempts: record?.attempts ?? 0,
      error: record?.lastError ?? null,
    };
  });
};
