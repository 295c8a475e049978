import type { RecordedEvent } from '../core/envelope';
import { isMigratedCopy } from '../core/migrated-from';
import { BlameRecorder, MAX_BLAME_CHANGES } from './blame';
import { changedPaths } from './changed-paths';
import type { ProjectionBlame, ProjectionStep } from './projection-steps-schemas';

/*
 * A projection scrubbed like an aggregate: the events that touch one document (by the
 * projection's own documentIds) folded with its own evolve, one step per event, each with the
 * document before and after and the time the apply took. Bounded: a request reads at most
 * `maxScanned` candidate events and answers one page of steps.
 */

/** The part of a projection (lib/projections' Projection) the stepper folds with: nothing of its tables. */
export type SteppedProjection = {
  name: string;
  eventTypes: readonly string[];
  documentIds(event: RecordedEvent): readonly string[];
  evolve(document: unknown, event: RecordedEvent, id: string): unknown;
};

/** Candidate events in global order, a chunk at a time (one stream's, or the whole log's). */
export type EventChunks = AsyncIterable<readonly RecordedEvent[]>;

export const DEFAULT_STEPS_LIMIT = 100;
export const MAX_STEPS_LIMIT = 500;
/** Candidate events one request may read: about half a second of the log on this machine. */
export const MAX_SCANNED_EVENTS = 100_000;

/**
 * A document as JSON: projections keep money and positions as bigint, which JSON cannot carry;
 * safe integers become numbers, larger ones decimal strings.
 */
export const documentJson = (value: unknown): unknown => {
  if (typeof value === 'bigint') return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  if (Array.isArray(value)) return value.map(documentJson);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, documentJson(inner)]));
  return value === undefined ? null : value;
};

export type FoldVisit = (step: { index: number; event: RecordedEvent; before: unknown; after: unknown; applyMicros: number }) => void;

/** Where the projection's own evolve threw: the projection stops at that event too, so the stepper does. */
export type FoldFailure = { index: number; globalPosition: number; streamId: string; message: string };

export type FoldOutcome = { touched: number; scanned: number; complete: boolean; document: unknown; failure: FoldFailure | null };

/**
 * Folds the document over the candidate events as the projection engine does: every event of a
 * handled type (not a stream migration's copy, whose original already gave the fact) whose
 * documentIds name it is a step, visited with the document (raw, as evolve sees it) before and
 * after. Stops after the chunk that reaches `maxScanned`, or at an event evolve refuses.
 */
export const foldDocument = async (
  projection: SteppedProjection,
  documentId: string,
  chunks: EventChunks,
  visit: FoldVisit,
  maxScanned = MAX_SCANNED_EVENTS,
): Promise<FoldOutcome> => {
  const handled = new Set(projection.eventTypes);
  let document: unknown = null;
  let touched = 0;
  let scanned = 0;
  let complete = true;
  for await (const chunk of chunks) {
    if (scanned >= maxScanned) {
      complete = chunk.length === 0;
      break;
    }
    for (const event of chunk) {
      scanned++;
      if (!handled.has(event.type) || isMigratedCopy(event) || !projection.documentIds(event).includes(documentId)) continue;
      const started = performance.now();
      let after: unknown;
      try {
        after = projection.evolve(document, event, documentId);
      } catch (error) {
        const failure = { index: touched, globalPosition: event.globalPosition, streamId: event.streamId, message: error instanceof Error ? error.message : String(error) };
        return { touched, scanned, complete: true, document, failure };
      }
      const applyMicros = Math.round((performance.now() - started) * 10_000) / 10;
      visit({ index: touched++, event, before: document, after, applyMicros });
      document = after;
    }
  }
  return { touched, scanned, complete, document, failure: null };
};

export type StepsPage = { steps: ProjectionStep[]; total: number; next: number | null; scanned: number; complete: boolean; document: unknown; failure: FoldFailure | null };

/** One page of steps, `from` (0-based) and `limit` steps long, each with its apply time. */
export const projectionSteps = async (
  projection: SteppedProjection,
  documentId: string,
  chunks: EventChunks,
  page: { from: number; limit: number; maxScanned?: number },
): Promise<StepsPage> => {
  const steps: ProjectionStep[] = [];
  const end = page.from + page.limit;
  const outcome = await foldDocument(
    projection,
    documentId,
    chunks,
    ({ index, event, before, after, applyMicros }) => {
      if (index < page.from || index >= end) return;
      const beforeJson = documentJson(before);
      const afterJson = after === before ? beforeJson : documentJson(after);
      steps.push({
        index,
        streamId: event.streamId,
        streamVersion: event.streamVersion,
        globalPosition: event.globalPosition,
        type: event.type,
        recordedAt: event.recordedAt.toISOString(),
        before: beforeJson,
        after: afterJson,
        changedPaths: changedPaths(beforeJson ?? {}, afterJson ?? {}),
        applyMicros,
      });
    },
    page.maxScanned,
  );
  return {
    steps,
    total: outcome.touched,
    next: end < outcome.touched ? end : null,
    scanned: outcome.scanned,
    complete: outcome.complete,
    document: documentJson(outcome.document),
    failure: outcome.failure,
  };
};

/** "Blame this value" on a projection document: the instrumented fold of blame.ts over the projection's own evolve. */
export const blameProjectionDocument = async (
  projection: SteppedProjection,
  documentId: string,
  chunks: EventChunks,
  path: string,
  maxScanned?: number,
): Promise<Omit<ProjectionBlame, 'projection' | 'documentId' | 'elapsedMs'> & { touched: number }> => {
  const recorder = new BlameRecorder(path, null);
  const where: Array<{ streamId: string; step: number }> = [];
  const outcome = await foldDocument(
    projection,
    documentId,
    chunks,
    ({ index, event, before, after }) => {
      if (after === before) return;
      const total = recorder.total;
      recorder.visit(event, documentJson(before), documentJson(after));
      if (recorder.total === total) return;
      if (where.length === recorder.changes.length) where.shift();
      where.push({ streamId: event.streamId, step: index });
    },
    maxScanned,
  );
  const shown = recorder.changes.slice(-MAX_BLAME_CHANGES);
  const places = where.slice(-MAX_BLAME_CHANGES);
  return {
    path,
    initial: recorder.initial,
    value: recorder.value,
    changes: shown.map((change, i) => ({ ...change, ...places[i]! })),
    total: recorder.total,
    truncated: recorder.total > shown.length,
    complete: outcome.complete,
    touched: outcome.touched,
  };
};
