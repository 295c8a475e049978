import { describe, expect, it } from 'vitest';
import { statsWindow } from '../../views/bank-totals/types';
import { decodeCursor, encodeCursor } from '../../views/shared/cursor';
import { parseParams } from './query';
import { listAccountsParams, toListAccountsQuery } from './read-query';
import { consistencyParams } from './read-your-writes';

const search = (query: string) => new URLSearchParams(query);

describe('read query parameters', () => {
  it('applies defaults: opened, newest first, 25 per page, 5 s wait', () => {
    expect(parseParams(search(''), listAccountsParams).data).toEqual({ sort: 'opened', limit: 25 });
    expect(toListAccountsQuery(parseParams(search(''), listAccountsParams).data!)).toMatchObject({ sort: 'opened', direction: 'desc', limit: 25 });
    expect(toListAccountsQuery(parseParams(search('sort=owner'), listAccountsParams).data!).direction).toBe('asc');
    expect(toListAccountsQuery(parseParams(search('sort=owner&direction=desc'), listAccountsParams).data!).direction).toBe('desc');
    expect(parseParams(search(''), consistencyParams).data).toEqual({ wait_ms: 5000 });
  });

  it('parses whole numbers and trims the owner', () => {
    expect(parseParams(search('after_position=0&wait_ms=10000'), consistencyParams).data).toEqual({ after_position: 0, wait_ms: 10_000 });
    expect(parseParams(search('owner=%20Ada%20&limit=100'), listAccountsParams).data).toMatchObject({ owner: 'Ada', limit: 100 });
  });

  it('reports every problem at its own path and ignores unknown parameters', () => {
    expect(parseParams(search('after_position=1e3&wait_ms=0x10'), consistencyParams).issues.map((issue) => issue.path)).toEqual([
      'after_position',
      'wait_ms',
    ]);
    expect(parseParams(search('limit=1&limit=2&colour=red'), listAccountsParams).issues).toEqual([{ path: 'limit', message: 'limit may be given once' }]);
    expect(parseParams(search('colour=red'), listAccountsParams).issues).toEqual([]);
  });
});

describe('stats window', () => {
  it('covers `days` calendar days ending today (UTC)', () => {
    expect(statsWindow(1, new Date('2026-11-23T23:59:59Z'))).toEqual({ fromDay: '2026-11-23', toDay: '2026-11-23' });
    expect(statsWindow(90, new Date('2026-11-23T00:00:00Z'))).toEqual({ fromDay: '2026-08-26', toDay: '2026-11-23' });
  });
});

describe('cursors', () => {
  it('round-trip as base64url JSON', () => {
    const cursor = encodeCursor({ s: 'owner', k: 'Zoë / 🦀', a: 'x' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual({ s: 'owner', k: 'Zoë / 🦀', a: 'x' });
    for (const bad of ['', '***', encodeCursor({}).slice(1), Buffer.from('[1]').toString('base64url')]) expect(() => decodeCursor(bad)).toThrow('Invalid cursor');
  });
});
