import { isChronicleError } from '../../core/errors';
import type { Principal } from '../../auth/principal';
import { AppendWatch } from './append-watch';
import { CatchUpGate } from './catch-up-gate';
import { liveTail } from './live-tail';
import { serverReadSideProgress } from './read-side-progress';
import { ReadSideWatch } from './read-side-watch';
import { SharedTail } from './shared-tail';
import { StreamSlots } from './stream-slots';
import { DEFAULT_HEARTBEAT_MS, RETRY_MS, resolveStart, type EventStreamRequest } from './stream-filter';
import { edgeState, webRuntime } from '../web-runtime';

/** Bytes of frames a connection may have queued before it stops reading the store until the client catches up. */
export const QUEUE_BYTES = 64 * 1024;

export const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  // no-transform also keeps compression middleware from buffering the stream.
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  // nginx would otherwise buffer the response and deliver events in bursts.
  'X-Accel-Buffering': 'no',
};

export type SseSettings = { heartbeatMs: number; pollMs: number; maxPerPrincipal: number; maxPerProcess: number };

export const DEFAULT_MAX_STREAMS_PER_PRINCIPAL = 5;
export const DEFAULT_MAX_STREAMS_PER_PROCESS = 10_000;
/** Catch-up reads (resuming or slow clients) running at once in this process. */
const CATCH_UP_READS_AT_ONCE = 4;

const envMs = (env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number => {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, got ${raw}`);
  return value;
};

/**
 * CHRONICLE_SSE_HEARTBEAT_MS: default heartbeat interval. CHRONICLE_SSE_POLL_MS: how often other processes' appends are looked for.
 * CHRONICLE_SSE_MAX_PER_PRINCIPAL / CHRONICLE_SSE_MAX_CONNECTIONS: open streams allowed per signed-in principal / per server process.
 */
export const sseSettings = (env: Record<string, string | undefined> = process.env): SseSettings => ({
  heartbeatMs: envMs(env, 'CHRONICLE_SSE_HEARTBEAT_MS', DEFAULT_HEARTBEAT_MS, 10, 600_000),
  pollMs: envMs(env, 'CHRONICLE_SSE_POLL_MS', 1_000, 10, 60_000),
  maxPerPrincipal: envMs(env, 'CHRONICLE_SSE_MAX_PER_PRINCIPAL', DEFAULT_MAX_STREAMS_PER_PRINCIPAL, 1, 100_000),
  maxPerProcess: envMs(env, 'CHRONICLE_SSE_MAX_CONNECTIONS', DEFAULT_MAX_STREAMS_PER_PROCESS, 1, 1_000_000),
});

/** One watch per server process; its one subscriber is the shared tail. */
export const serverAppendWatch = (): AppendWatch =>
  edgeState('append-watch', (runtime) => new AppendWatch(() => runtime.store.headPosition(), runtime.appends, sseSettings().pollMs));

/** The process's one reader of new events, fanning them out to every open stream. */
export const serverSharedTail = (): SharedTail =>
  edgeState('sse-shared-tail', (runtime) => new SharedTail({ store: runtime.store, onAppended: (listener) => serverAppendWatch().subscribe(listener) }));

/** One poll of the projections' checkpoints for every stream waiting to announce a read-model change. */
const serverReadSideWatch = (): ReadSideWatch => edgeState('sse-read-side-watch', () => new ReadSideWatch(serverReadSideProgress().progress));

const serverCatchUpGate = (): CatchUpGate => edgeState('sse-catch-up-gate', () => new CatchUpGate(CATCH_UP_READS_AT_ONCE));

/** Open streams of this process, per principal and in total. */
export const serverStreamSlots = (): StreamSlots => edgeState('sse-stream-slots', () => new StreamSlots());

/**
 * A byte stream pulling frames one at a time: nothing is produced while
 * `QUEUE_BYTES` are waiting for a slow client. The request's abort signal and
 * a cancel both stop the producer, even one parked at a `yield` because the
 * queue is full (the abort cannot wake that one; `return()` does). A producer
 * failure (the database went away) ends the stream cleanly; EventSource then
 * reconnects with its Last-Event-ID after the announced retry delay, which
 * resumes exactly.
 *
 * It takes the request, not just its signal, and keeps it: a Request's signal
 * follows the signal it was built with through a weak reference to its own
 * controller, which the Request holds, so once the Request is garbage
 * collected its signal would never abort.
 */
export const frameStream = (
  produce: (signal: AbortSignal) => AsyncGenerator<string, void, undefined>,
  request: Request,
  /** Called once when the stream ends, however it ends (frees its slot). */
  onEnd: () => void = () => undefined,
): ReadableStream<Uint8Array> => {
  const stop = new AbortController();
  const encoder = new TextEncoder();
  let frames: AsyncGenerator<string, void, undefined> | undefined;
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let finished = false;

  const finish = async (closeStream: boolean): Promise<void> => {
    if (!finished) {
      finished = true;
      request.signal.removeEventListener('abort', onRequestAbort);
      stop.abort();
      onEnd();
      if (closeStream) {
        try {
          controller?.close();
        } catch {
          // already closed or cancelled
        }
      }
    }
    try {
      await frames?.return();
    } catch {
      // a producer error was reported where pull caught it
    }
  };
  const onRequestAbort = () => void finish(true);

  return new ReadableStream<Uint8Array>(
    {
      start(streamController) {
        controller = streamController;
        frames = produce(stop.signal);
        if (request.signal.aborted) void finish(true);
        else request.signal.addEventListener('abort', onRequestAbort);
      },
      async pull(streamController) {
        try {
          const next = await frames!.next();
          if (finished) return;
          if (next.done) await finish(true);
          else streamController.enqueue(encoder.encode(next.value));
        } catch (error) {
          if (finished) return;
          if (isChronicleError(error)) console.warn(`[sse] stream ended: ${error.message}`);
          else console.error('[sse] stream failed', error);
          await finish(true);
        }
      },
      cancel: () => finish(false),
    },
    { highWaterMark: QUEUE_BYTES, size: (chunk) => chunk.byteLength },
  );
};

/**
 * The answer of GET /api/events/stream (its definition, lib/server/routes/streams.ts, checks the
 * caller and narrows a customer's filter): the events after the start point, then each new one,
 * as server-sent events. A start beyond the newest event, or one stream too many for the caller or
 * the process (429 `too_many_streams`), is refused before any stream opens.
 */
export const eventStreamResponse = async (request: Request, query: EventStreamRequest, principal: Principal): Promise<Response> => {
  const settings = sseSettings();
  const start = resolveStart(query.start, await webRuntime().store.headPosition());
  const release = serverStreamSlots().take(principal.id, { perPrincipal: settings.maxPerPrincipal, perProcess: settings.maxPerProcess });
  const body = frameStream(
    (signal) =>
      liveTail({
        store: webRuntime().store,
        tail: serverSharedTail(),
        gate: serverCatchUpGate(),
        readSide: { projections: serverReadSideProgress().projections, watch: serverReadSideWatch() },
        start,
        startIsHead: query.start.after === 'head',
        filter: query.filter,
        heartbeatMs: query.heartbeatMs ?? settings.heartbeatMs,
        retryMs: RETRY_MS,
        signal,
      }),
    request,
    release,
  );
  return new Response(body, { status: 200, headers: SSE_HEADERS });
};
