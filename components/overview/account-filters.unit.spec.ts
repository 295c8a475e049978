import { describe, expect, it } from 'vitest';
import { accountsPath, DEFAULT_FILTERS, groupByCurrency, pageSearch, parseAccountFilters } from './account-filters';

describe('account filters in the page URL', () => {
  it('round-trips through the query string, leaving defaults out', () => {
    const filters = { status: 'open', owner: 'Ada Lovelace', sort: 'balance', direction: 'asc' } as const;
    expect(pageSearch(filters)).toBe('?status=open&owner=Ada+Lovelace&sort=balance&direction=asc');
    expect(parseAccountFilters(Object.fromEntries(new URLSearchParams(pageSearch(filters))))).toEqual(filters);
    expect(pageSearch(DEFAULT_FILTERS)).toBe('');
    expect(pageSearch({ ...DEFAULT_FILTERS, sort: 'owner', direction: 'asc' })).toBe('?sort=owner');
  });

  it('falls back to the defaults for anything it does not know', () => {
    expect(parseAccountFilters({ status: 'frozen', sort: ['owner', 'balance'], direction: 'sideways', owner: '  ' })).toEqual(DEFAULT_FILTERS);
    expect(parseAccountFilters({ sort: 'owner' }).direction).toBe('asc');
  });
});

describe('accountsPath', () => {
  it('asks the API for one page of the filtered, sorted list', () => {
    expect(accountsPath({ status: 'closed', owner: 'Ada', sort: 'owner', direction: 'asc' }, 'abc_-1')).toBe(
      '/api/accounts?sort=owner&direction=asc&limit=25&status=closed&owner=Ada&cursor=abc_-1',
    );
    expect(accountsPath(DEFAULT_FILTERS, null)).toBe('/api/accounts?sort=opened&direction=desc&limit=25');
  });
});

describe('sorting by balance', () => {
  it('groups the rows by currency, keeping the balance order within each', () => {
    const rows = [
      { id: 'a', currency: 'JPY', balance: 900_000 },
      { id: 'b', currency: 'EUR', balance: 50_00 },
      { id: 'c', currency: 'JPY', balance: 100 },
      { id: 'd', currency: 'EUR', balance: 1_00 },
      { id: 'e', currency: 'GBP', balance: 7_00 },
    ];
    expect(groupByCurrency(rows).map((group) => [group.currency, group.rows.map((row) => row.id)])).toEqual([
      ['EUR', ['b', 'd']],
      ['GBP', ['e']],
      ['JPY', ['a', 'c']],
    ]);
  });
});
