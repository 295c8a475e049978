import type { DocumentTable } from '../projection';
import type { Column, SqlBatch } from './sql-batch';

export type Row = Record<string, unknown>;

const GENERATION: Column = ['generation', 'int'];

/** How a document maps to a row of a table (every table also has a `generation` column). */
export type RowMapping<D> = {
  table: string;
  /** The columns that find a document's row(s), from its id. */
  key: readonly string[];
  keyOf: (id: string) => unknown[];
  idOf: (row: Row) => string;
  /** Every column but `generation` with its type, in the order `toRow` gives values. */
  columns: readonly Column[];
  toRow: (document: D) => unknown[];
  fromRow: (row: Row) => D;
};

/** A table holding each document's current state in one row, keyed by the document: changed documents are upserted (deleted ones removed). */
export const stateTable = <D>(mapping: RowMapping<D>): DocumentTable<D> => ({
  async load(sql, generation, ids) {
    const rows = await sql.select<Row>(mapping.table, generation, mapping.key, ids.map(mapping.keyOf));
    return new Map(rows.map((row) => [mapping.idOf(row), mapping.fromRow(row)]));
  },
  async write(sql, generation, changes) {
    const upserts: unknown[][] = [];
    const deletes: unknown[][] = [];
    for (const [id, history] of changes) {
      const document = history.at(-1);
      if (document === null || document === undefined) deletes.push(mapping.keyOf(id));
      else upserts.push([generation, ...mapping.toRow(document)]);
    }
    await sql.delete(mapping.table, generation, mapping.key, deletes);
    await sql.insert(mapping.table, [GENERATION, ...mapping.columns], upserts, ['generation', ...mapping.key]);
  },
  drop: (sql, generation) => sql.deleteGeneration(mapping.table, generation),
});

/**
 * An append-only table: every state a document goes through is a new row (a
 * ledger line); the document is its newest row, the one with the highest `latestBy`.
 */
export const appendOnlyTable = <D>(mapping: RowMapping<D> & { latestBy: string }): DocumentTable<D> => ({
  async load(sql, generation, ids) {
    const rows = await sql.select<Row>(mapping.table, generation, mapping.key, ids.map(mapping.keyOf), mapping.latestBy);
    return new Map(rows.map((row) => [mapping.idOf(row), mapping.fromRow(row)]));
  },
  async write(sql, generation, changes) {
    const rows: unknown[][] = [];
    for (const history of changes.values()) {
      for (const document of history) {
        if (document === null) throw new Error(`${mapping.table} is append-only: a document cannot be deleted`);
        rows.push([generation, ...mapping.toRow(document)]);
      }
    }
    await sql.insert(mapping.table, [GENERATION, ...mapping.columns], rows);
  },
  drop: (sql, generation) => sql.deleteGeneration(mapping.table, generation),
});

/** Documents of several kinds, each in its own table, told apart by their id's prefix (`kind:rest`). */
export const tablesByKind = <D>(tables: Record<string, DocumentTable<D>>): DocumentTable<D> => {
  const kindOf = (id: string) => {
    const kind = id.slice(0, id.indexOf(':'));
    if (!(kind in tables)) throw new Error(`no table for documents of kind "${kind}" (id ${id})`);
    return kind;
  };
  const group = <T>(entries: Iterable<[string, T]>) => {
    const groups = new Map<string, [string, T][]>();
    for (const entry of entries) {
      const kind = kindOf(entry[0]);
      const members = groups.get(kind);
      if (members) members.push(entry);
      else groups.set(kind, [entry]);
    }
    return groups;
  };
  return {
    async load(sql: SqlBatch, generation, ids) {
      const loaded = new Map<string, D>();
      for (const [kind, entries] of group(ids.map((id) => [id, id] as [string, string]))) {
        for (const [id, document] of await tables[kind]!.load(sql, generation, entries.map(([id]) => id))) loaded.set(id, document);
      }
      return loaded;
    },
    async write(sql, generation, changes) {
      for (const [kind, entries] of group(changes)) await tables[kind]!.write(sql, generation, new Map(entries));
    },
    async drop(sql, generation) {
      for (const table of Object.values(tables)) await table.drop(sql, generation);
    },
  };
};
