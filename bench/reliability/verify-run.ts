import { fold } from '../../lib/core/decider';
import type { RecordedEvent } from '../../lib/core/envelope';
import type { EventStore } from '../../lib/core/event-store';
import { chainHash } from '../../lib/core/hash-chain';
import { accountDecider } from '../../lib/domain/account/decider';
import type { AccountEvent } from '../../lib/domain/account/events';
import type { Ack } from './workload';

/*
 * What must hold after a run, whatever was killed during it: every
 * acknowledged command is in the store with the answer it was acknowledged
 * with; every stream is whole (versions contiguous, hash chain intact, every
 * recorded command's events present); the read models equal a replay.
 */

export type Verification = {
  acknowledged: number;
  acknowledgedMissing: string[];
  /** Commands of the run found in the store without an acknowledgement: their answers were lost with a killed server. */
  storedUnacknowledged: number;
  streams: number;
  events: number;
  brokenStreams: string[];
  readModelMismatches: string[];
  projectionsCaughtUpMs: number;
  transfers: number;
  /** Transfers without exactly one terminal event, or whose legs disagree with how they ended. */
  transfersUnsettled: string[];
  transfersSettledMs: number;
};

const byStream = (events: RecordedEvent[]): Map<string, RecordedEvent[]> => {
  const streams = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const list = streams.get(event.streamId) ?? [];
    list.push(event);
    streams.set(event.streamId, list);
  }
  return streams;
};

const readEverything = async (store: EventStore): Promise<RecordedEvent[]> => {
  const all: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({ fromPosition: all.at(-1)?.globalPosition ?? 0, limit: 5_000 });
    if (page.length === 0) return all;
    all.push(...page);
  }
};

const streamProblem = (events: RecordedEvent[]): string | null => {
  let previous: string | null = null;
  for (const [index, event] of events.entries()) {
    if (event.streamVersion !== index + 1) return `version ${event.streamVersion} where ${index + 1} was expected`;
    if (chainHash(previous, event) !== event.hash) return `hash chain broken at version ${event.streamVersion}`;
    previous = event.hash;
  }
  return null;
};

/** Waits until every projection has folded `head`, then compares each account's row with a replay of its stream. */
const compareReadModels = async (
  baseUrl: string,
  headers: Record<string, string>,
  head: number,
  streams: Map<string, RecordedEvent[]>,
): Promise<{ mismatches: string[]; waitedMs: number }> => {
  const started = Date.now();
  const deadline = started + 300_000;
  for (;;) {
    // A server that stops answering is a finding, not a reason for the check to hang.
    const response = await fetch(`${baseUrl}/api/projections`, { headers, signal: AbortSignal.timeout(20_000) }).catch((error: unknown) => {
      throw new Error(`GET /api/projections did not answer: ${String((error as Error).cause ?? error)}`);
    });
    const { projections } = (await response.json()) as { projections: Array<{ name: string; checkpoint: number }> };
    if (projections.every((projection) => projection.checkpoint >= head)) break;
    if (Date.now() > deadline) return { mismatches: [`projections still behind head ${head} after 300 s`], waitedMs: Date.now() - started };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const waitedMs = Date.now() - started;
  const mismatches: string[] = [];
  for (const [streamId, events] of streams) {
    if (!streamId.startsWith('account-')) continue;
    const accountId = streamId.slice('account-'.length);
    const replayed = fold(accountDecider, events.map((event) => event as unknown as AccountEvent));
    const response = await fetch(`${baseUrl}/api/accounts/${accountId}/summary`, { headers, signal: AbortSignal.timeout(20_000) });
    if (response.status !== 200) {
      mismatches.push(`${accountId}: summary answered ${response.status}`);
      continue;
    }
    const row = (await response.json()) as { balance: number; version: number; status: string };
    const expected = replayed.status === 'none' ? null : { balance: replayed.balance, version: events.length, status: replayed.status };
    if (!expected || row.balance !== expected.balance || row.version !== expected.version || row.status !== expected.status) {
      mismatches.push(`${accountId}: read model ${JSON.stringify(row)} vs replay ${JSON.stringify(expected)}`);
    }
  }
  return { mismatches, waitedMs };
};

const TERMINAL = new Set(['TransferCompleted', 'TransferFailed']);

/** Every transfer ends exactly once, and its account legs agree with how it ended (money neither made nor lost). */
const transferProblem = (transfer: RecordedEvent[], all: RecordedEvent[]): string | null => {
  const terminal = transfer.filter((event) => TERMINAL.has(event.type));
  if (terminal.length !== 1) return `${terminal.length} terminal events`;
  const transferId = transfer[0]!.streamId.slice('transfer-'.length);
  const legs = all.filter((event) => event.streamId.startsWith('account-') && event.metadata.correlationId === transferId);
  const out = legs.filter((event) => event.type === 'MoneyWithdrawn').length;
  const back = legs.filter((event) => event.type === 'MoneyDeposited').length;
  const completed = terminal[0]!.type === 'TransferCompleted';
  const refunded = (terminal[0]!.data as { refunded?: boolean }).refunded === true;
  const expected = completed || refunded ? { out: 1, back: 1 } : { out: 0, back: 0 };
  return out === expected.out && back === expected.back ? null : `${terminal[0]!.type}: ${out} debit(s), ${back} credit(s) or refund(s)`;
};

/** Sagas run on after the load stops: wait (bounded) until every transfer has ended. */
const settleTransfers = async (store: EventStore): Promise<{ events: RecordedEvent[]; waitedMs: number }> => {
  const started = Date.now();
  for (;;) {
    const events = await readEverything(store);
    const open = [...byStream(events)].filter(([id, list]) => id.startsWith('transfer-') && !list.some((event) => TERMINAL.has(event.type)));
    if (open.length === 0 || Date.now() - started > 180_000) return { events, waitedMs: Date.now() - started };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
};

/** Requests still in flight when the load stops may append a moment later: wait until the head stops moving. */
const settle = async (store: EventStore): Promise<void> => {
  let head = await store.headPosition();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const next = await store.headPosition();
    if (next === head) return;
    head = next;
  }
};

export const verifyRun = async (
  store: EventStore,
  acks: Ack[],
  baseUrl: string,
  headers: Record<string, string> = {},
): Promise<Verification> => {
  await settle(store);
  const settled = await settleTransfers(store);
  await settle(store);
  const acknowledgedMissing: string[] = [];
  for (const ack of acks) {
    const recorded = await store.findCommand(ack.commandId);
    if (!recorded || recorded.lastGlobalPosition !== ack.position) acknowledgedMissing.push(ack.commandId);
  }
  const events = await readEverything(store);
  const acked = new Set(acks.map((ack) => ack.commandId));
  const runCommands = new Set(events.map((event) => event.metadata.commandId).filter((id): id is string => !!id && id.startsWith('load-')));
  const storedUnacknowledged = [...runCommands].filter((id) => !acked.has(id)).length;
  const streams = byStream(events);
  const brokenStreams: string[] = [];
  for (const [streamId, list] of streams) {
    const problem = streamProblem(list);
    if (problem) brokenStreams.push(`${streamId}: ${problem}`);
  }
  const transferStreams = [...streams].filter(([id]) => id.startsWith('transfer-'));
  const transfersUnsettled = transferStreams.flatMap(([id, list]) => {
    const problem = transferProblem(list, events);
    return problem ? [`${id}: ${problem}`] : [];
  });
  const { mismatches, waitedMs } = await compareReadModels(baseUrl, headers, events.at(-1)?.globalPosition ?? 0, streams);
  return {
    acknowledged: acks.length,
    acknowledgedMissing,
    storedUnacknowledged,
    streams: streams.size,
    events: events.length,
    brokenStreams,
    readModelMismatches: mismatches,
    projectionsCaughtUpMs: waitedMs,
    transfers: transferStreams.length,
    transfersUnsettled,
    transfersSettledMs: settled.waitedMs,
  };
};

export const verificationPassed = (verification: Verification): boolean =>
  verification.acknowledgedMissing.length === 0 && verification.brokenStreams.length === 0 && verification.readModelMismatches.length === 0 && verification.transfersUnsettled.length === 0;
