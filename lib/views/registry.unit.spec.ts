import { describe, expect, it } from 'vitest';
import { QUERY_SOURCES } from './read-model-queries';
import { PROJECTIONS, VIEWS } from './registry';

/* The registry is the one list of views: what it names must add up, since the port is merged from it. */

describe('the view registry', () => {
  it('lists each projection once, by a unique name', () => {
    const names = PROJECTIONS.map((projection) => projection.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(['account-summary', 'account-transactions', 'bank-totals']);
  });

  it('gives every query one view: no view answers a query another already answers', () => {
    const queries = VIEWS.flatMap((view) => Object.keys(view.sources));
    expect(new Set(queries).size).toBe(queries.length);
    expect(Object.keys(QUERY_SOURCES).sort()).toEqual([...queries].sort());
  });

  it('names only registered projections as the sources of a query', () => {
    const names = new Set(PROJECTIONS.map((projection) => projection.name));
    for (const [query, sources] of Object.entries(QUERY_SOURCES)) {
      expect(sources.length, query).toBeGreaterThan(0);
      for (const source of sources) expect(names.has(source), `${query} reads ${source}`).toBe(true);
    }
  });

  it("lists each view's own projection among the sources of its queries", () => {
    for (const view of VIEWS) {
      if (!view.projection) continue;
      for (const sources of Object.values(view.sources) as (readonly string[])[]) expect(sources).toContain(view.projection.name);
    }
  });
});
