/**
 * Server-sent events framing (WHATWG HTML, "Server-sent events"), both ways:
 * the encoder the endpoint writes with and a spec-following incremental parser
 * for tests and for clients that cannot use EventSource. Framework-free.
 */

export type SseFrame = {
  /** Sets the client's last event id, which EventSource sends back as Last-Event-ID. */
  id?: string | number;
  event?: string;
  /** Any text: each line becomes its own `data:` line and the client rejoins them with LF. */
  data?: string;
  /** Reconnection delay the client should use, in milliseconds. */
  retry?: number;
  /** Comment lines, ignored by clients; used for heartbeats. */
  comment?: string;
};

const LINE_BREAK = /\r\n|\r|\n/;

const singleLine = (field: string, value: string): string => {
  if (LINE_BREAK.test(value)) throw new Error(`SSE ${field} may not contain a line break`);
  return value;
};

export const encodeFrame = ({ id, event, data, retry, comment }: SseFrame): string => {
  let frame = '';
  if (comment !== undefined) for (const line of comment.split(LINE_BREAK)) frame += `: ${line}\n`;
  if (retry !== undefined) {
    if (!Number.isSafeInteger(retry) || retry < 0) throw new Error('SSE retry must be a whole number of milliseconds');
    frame += `retry: ${retry}\n`;
  }
  if (id !== undefined) {
    const value = singleLine('id', String(id));
    // A client ignores an id containing NUL, which would silently break resuming.
    if (value.includes('\0')) throw new Error('SSE id may not contain NUL');
    frame += `id: ${value}\n`;
  }
  if (event !== undefined) frame += `event: ${singleLine('event', event)}\n`;
  if (data !== undefined) for (const line of data.split(LINE_BREAK)) frame += `data: ${line}\n`;
  return `${frame}\n`;
};

export const encodeJsonFrame = (event: string, id: string | number, payload: unknown): string =>
  encodeFrame({ id, event, data: JSON.stringify(payload) });

/** A dispatched event, as EventSource would hand it to a listener of `event`. */
export type SseEvent = { event: string; data: string; lastEventId: string };

export type SseParserOptions = { onComment?: (text: string) => void };

/**
 * Incremental parser: feed it chunks split anywhere (even inside a CRLF) and it
 * returns the events completed so far. Frames without data are not dispatched
 * but still move `lastEventId`, exactly as in a browser.
 */
export class SseParser {
  lastEventId = '';
  retry: number | undefined;
  private pending = '';
  private started = false;
  private skipLineFeed = false;
  private data = '';
  private eventType = '';
  private idBuffer = '';

  constructor(private readonly options: SseParserOptions = {}) {}

  push(chunk: string): SseEvent[] {
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.startsWith('\uFEFF')) text = text.slice(1);
    }
    if (this.skipLineFeed && text.length > 0) {
      if (text.startsWith('\n')) text = text.slice(1);
      this.skipLineFeed = false;
    }
    this.pending += text;

    const events: SseEvent[] = [];
    let match: RegExpExecArray | null;
    while ((match = LINE_BREAK.exec(this.pending)) !== null) {
      // A CR at the very end may be the first half of a CRLF split across chunks.
      if (match[0] === '\r' && match.index === this.pending.length - 1) this.skipLineFeed = true;
      const line = this.pending.slice(0, match.index);
      this.pending = this.pending.slice(match.index + match[0].length);
      const event = this.line(line);
      if (event) events.push(event);
    }
    return events;
  }

  private line(line: string): SseEvent | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) {
      this.options.onComment?.(line.slice(1).replace(/^ /, ''));
      return undefined;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') this.eventType = value;
    else if (field === 'data') this.data += `${value}\n`;
    else if (field === 'id' && !value.includes('\0')) this.idBuffer = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.retry = Number(value);
    return undefined;
  }

  private dispatch(): SseEvent | undefined {
    this.lastEventId = this.idBuffer;
    const { data, eventType } = this;
    this.data = '';
    this.eventType = '';
    if (data === '') return undefined;
    return { event: eventType || 'message', data: data.slice(0, -1), lastEventId: this.lastEventId };
  }
}

/** Parses a complete body at once. */
export const parseSse = (text: string, options?: SseParserOptions): SseEvent[] => new SseParser(options).push(text);
