import type { Projection } from '../projections/projection';
import type { ReadDb } from '../read/read-db';

/** A view's queries: plain data in, plain data out (no HTTP); each reads the active generation of its tables only. */
export type Queries = Record<string, (...args: never[]) => Promise<unknown>>;

/**
 * A read-model view as the registry lists it: the projection that keeps its tables, the queries
 * that read them, and for each query the projections it reads (its answer is as fresh as the
 * slowest of them; a route's read-your-writes waits for those). A view without a projection of
 * its own answers from other views' tables.
 */
export type View<Q extends Queries = Queries> = {
  projection?: Projection;
  sources: { readonly [K in keyof Q]: readonly string[] };
  queries: (db: ReadDb) => Q;
};

/** Declares a view, keeping its queries' types for the read side's port (ReadModelQueries). */
export const defineView = <Q extends Queries>(view: { projection?: Projection; sources: NoInfer<View<Q>['sources']>; queries: (db: ReadDb) => Q }): View<Q> => view;
