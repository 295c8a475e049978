import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame, encodeJsonFrame, parseSse, SseParser, type SseEvent } from './sse-format';

describe('encodeFrame', () => {
  it('writes id, event and data lines and ends the frame with a blank line', () => {
    expect(encodeFrame({ id: 7, event: 'event', data: '{"a":1}' })).toBe('id: 7\nevent: event\ndata: {"a":1}\n\n');
  });

  it('splits data on every kind of line break, so no line can end the frame early', () => {
    expect(encodeFrame({ data: 'one\ntwo\r\nthree\rfour' })).toBe('data: one\ndata: two\ndata: three\ndata: four\n\n');
    expect(encodeFrame({ data: 'trailing\n' })).toBe('data: trailing\ndata: \n\n');
  });

  it('writes retry, comments and id-only frames', () => {
    expect(encodeFrame({ retry: 2000, id: 0 })).toBe('retry: 2000\nid: 0\n\n');
    expect(encodeFrame({ comment: 'heartbeat' })).toBe(': heartbeat\n\n');
    expect(encodeFrame({ comment: 'two\nlines' })).toBe(': two\n: lines\n\n');
  });

  it('refuses ids and event names that a client would misread', () => {
    expect(() => encodeFrame({ id: '1\n2' })).toThrow(/line break/);
    expect(() => encodeFrame({ id: '1\0' })).toThrow(/NUL/);
    expect(() => encodeFrame({ event: 'a\rb' })).toThrow(/line break/);
    expect(() => encodeFrame({ retry: -1 })).toThrow(/retry/);
  });

  it('encodes JSON payloads on one data line, line breaks inside strings escaped', () => {
    expect(encodeJsonFrame('readmodel', 9, { note: 'a\nb' })).toBe('id: 9\nevent: readmodel\ndata: {"note":"a\\nb"}\n\n');
  });
});

describe('SseParser', () => {
  it('dispatches events as EventSource does: default type, joined data, last id carried over', () => {
    const events = parseSse('id: 1\nevent: event\ndata: a\ndata: b\n\ndata: c\n\n');
    expect(events).toEqual([
      { event: 'event', data: 'a\nb', lastEventId: '1' },
      { event: 'message', data: 'c', lastEventId: '1' },
    ]);
  });

  it('moves lastEventId on frames without data but dispatches nothing; reads retry and comments', () => {
    const comments: string[] = [];
    const parser = new SseParser({ onComment: (text) => comments.push(text) });
    expect(parser.push('retry: 2000\nid: 5\n\n: heartbeat\n\n')).toEqual([]);
    expect(parser.lastEventId).toBe('5');
    expect(parser.retry).toBe(2000);
    expect(comments).toEqual(['heartbeat']);
  });

  it('accepts CR, LF and CRLF line ends, a leading BOM, and fields without a space or a colon', () => {
    expect(parseSse('\uFEFFdata:x\r\rdata\r\n\r\nid: 3\nevent:e\ndata:  y\n\n')).toEqual([
      { event: 'message', data: 'x', lastEventId: '' },
      { event: 'message', data: '', lastEventId: '' },
      { event: 'e', data: ' y', lastEventId: '3' },
    ]);
  });

  it('ignores ids containing NUL and unknown fields', () => {
    expect(parseSse('id: 1\n\nid: 2\0\nfoo: bar\ndata: x\n\n')).toEqual([{ event: 'message', data: 'x', lastEventId: '1' }]);
  });

  it('gives the same events however the bytes are split, CRLF halves included (property)', () => {
    const frame = fc.record({
      id: fc.option(fc.nat(), { nil: undefined }),
      event: fc.option(fc.constantFrom('event', 'readmodel'), { nil: undefined }),
      data: fc.string({ unit: fc.constantFrom('a', 'b', ' ', ':', '\n', '\r', '\r\n', 'é'), minLength: 1 }),
    });
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 8 }), (frames, cuts) => {
        const text = frames.map((f) => encodeFrame(f)).join('');
        const whole = parseSse(text);
        const parser = new SseParser();
        const pieces: SseEvent[] = [];
        let at = 0;
        for (const cut of [...cuts.map((c) => c % (text.length + 1))].sort((a, b) => a - b)) {
          pieces.push(...parser.push(text.slice(at, cut)));
          at = cut;
        }
        pieces.push(...parser.push(text.slice(at)));
        expect(pieces).toEqual(whole);
        const normalised = (data: string) => data.replace(/\r\n|\r/g, '\n');
        expect(whole.map((e) => e.data)).toEqual(frames.map((f) => normalised(f.data)));
      }),
    );
  });
});
