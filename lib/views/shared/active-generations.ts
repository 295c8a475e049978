import type { ReadDb } from '../../read/read-db';

/** The generation of a projection (by name) that a query reads. */
export type ActiveGeneration = (name: string) => number;

/** Generations start at 1: reading this one finds nothing, as a projection that never ran should. */
const NO_GENERATION = -1;

const activeGenerations = async (db: ReadDb, names: readonly string[]): Promise<Map<string, number>> => {
  const rows = await db.projection.findMany({ where: { name: { in: [...names] } } });
  return new Map(rows.map((row) => [row.name, row.activeGeneration]));
};

/**
 * Runs `read` against the active generations of `names`. A rebuild switching
 * in between drops the generation being read, so the read is repeated when
 * a generation changed underneath it (generations only move forward). Every
 * view's queries read through this, so a rebuild in progress stays invisible
 * until it is switched in.
 */
export const atActiveGenerations = async <T>(db: ReadDb, names: readonly string[], read: (generation: ActiveGeneration) => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    const before = await activeGenerations(db, names);
    const result = await read((name) => before.get(name) ?? NO_GENERATION);
    const after = await activeGenerations(db, names);
    if (attempt === 3 || names.every((name) => before.get(name) === after.get(name))) return result;
  }
};
