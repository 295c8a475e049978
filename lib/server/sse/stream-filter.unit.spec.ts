import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors';
import { matchesFilter, parseEventStreamRequest, resolveStart } from './stream-filter';

const request = (query: string, headers: Record<string, string> = {}) =>
  new Request(`http://chronicle.test/api/events/stream${query}`, { headers });

const issuesOf = (run: () => unknown): Array<{ path: string; message: string }> => {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a ValidationError');
};

describe('parseEventStreamRequest', () => {
  it('starts at the head by default, after ?from=N, and after Last-Event-ID even when from is given', () => {
    expect(parseEventStreamRequest(request('')).start).toEqual({ after: 'head' });
    expect(parseEventStreamRequest(request('?from=0')).start).toEqual({ after: 0, source: 'from' });
    expect(parseEventStreamRequest(request('?from=3', { 'Last-Event-ID': '12' })).start).toEqual({ after: 12, source: 'Last-Event-ID' });
    expect(parseEventStreamRequest(request('?from=3', { 'Last-Event-ID': ' ' })).start).toEqual({ after: 3, source: 'from' });
  });

  it('reads stream and category filters repeated or comma-separated', () => {
    const { filter } = parseEventStreamRequest(request('?stream=account-a,account-b&stream=account-c&category=transfer'));
    expect(filter).toEqual({ streams: new Set(['account-a', 'account-b', 'account-c']), categories: new Set(['transfer']) });
    expect(parseEventStreamRequest(request('?stream=')).filter).toBeNull();
  });

  it('reports every bad parameter at once', () => {
    const issues = issuesOf(() =>
      parseEventStreamRequest(request('?from=-1&stream=nodash&category=bad-one&heartbeat_ms=10', { 'Last-Event-ID': 'abc' })),
    );
    expect(issues.map((issue) => issue.path).sort()).toEqual(['Last-Event-ID', 'category', 'from', 'heartbeat_ms', 'stream']);
  });

  it('refuses repeated single-valued parameters, huge positions and too many filters', () => {
    expect(issuesOf(() => parseEventStreamRequest(request('?from=1&from=2')))[0]?.path).toBe('from');
    expect(issuesOf(() => parseEventStreamRequest(request('?from=9999999999999999')))[0]?.message).toMatch(/too large/);
    const many = Array.from({ length: 101 }, (_, i) => `account-${i}`).join(',');
    expect(issuesOf(() => parseEventStreamRequest(request(`?stream=${many}`)))[0]?.path).toBe('stream');
  });
});

describe('matchesFilter', () => {
  it('passes a stream listed by id or by category', () => {
    const filter = { streams: new Set(['account-a']), categories: new Set(['transfer']) };
    expect(matchesFilter(filter, 'account-a')).toBe(true);
    expect(matchesFilter(filter, 'transfer-x-y')).toBe(true);
    expect(matchesFilter(filter, 'account-b')).toBe(false);
    expect(matchesFilter(null, 'anything-1')).toBe(true);
  });
});

describe('resolveStart', () => {
  it('uses the head for "now" and refuses a position past the head', () => {
    expect(resolveStart({ after: 'head' }, 9)).toBe(9);
    expect(resolveStart({ after: 9, source: 'from' }, 9)).toBe(9);
    expect(issuesOf(() => resolveStart({ after: 10, source: 'Last-Event-ID' }, 9))[0]?.path).toBe('Last-Event-ID');
  });
});
