import type { ReadDb } from '../read/read-db';
import { VIEWS } from './registry';
import type { Queries, View } from './view';

type QueriesOf<V> = V extends View<infer Q extends Queries> ? Q : never;
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/**
 * The read side's query port: every registered view's queries (each in its folder's queries.ts),
 * each reading only the active generation of its read models, so a rebuild in progress stays
 * invisible until it is switched in.
 */
export type ReadModelQueries = Intersection<QueriesOf<(typeof VIEWS)[number]>>;

/** The projections whose read models each query reads: its answer is as fresh as the slowest of them. */
export const QUERY_SOURCES = Object.assign({}, ...VIEWS.map((view) => view.sources)) as { readonly [K in keyof ReadModelQueries]: readonly string[] };

/** The port on the Prisma read-side client (SQLite or PostgreSQL). */
export const readModelQueries = (db: ReadDb): ReadModelQueries => Object.assign({}, ...VIEWS.map((view) => view.queries(db))) as ReadModelQueries;
