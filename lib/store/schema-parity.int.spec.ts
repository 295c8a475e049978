import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

interface Field {
  name: string;
  column: string;
}

interface Model {
  table: string;
  fields: Field[];
}

const MODEL = /^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm;

const mapped = (attributes: string, attribute: '@map' | '@@map'): string | undefined =>
  new RegExp(`${attribute}\\(\\s*"([^"]+)"`).exec(attributes)?.[1];

/** Models, their fields and the table/column names they map to; enough to compare two schemas. */
const parseModels = (schema: string): Record<string, Model> => {
  const models: Record<string, Model> = {};
  for (const [, name, body] of schema.matchAll(MODEL)) {
    const lines = (body ?? '')
      .split('\n')
      .map((line) => line.replace(/\/\/.*$/, '').trim())
      .filter(Boolean);
    const fields = lines
      .filter((line) => !line.startsWith('@@'))
      .map((line) => {
        const fieldName = line.split(/\s+/)[0] ?? '';
        return { name: fieldName, column: mapped(line, '@map') ?? fieldName };
      });
    const blockAttributes = lines.filter((line) => line.startsWith('@@')).join(' ');
    models[name!] = { table: mapped(blockAttributes, '@@map') ?? name!, fields };
  }
  return models;
};

const load = (provider: 'sqlite' | 'postgresql') =>
  parseModels(readFileSync(path.join(process.cwd(), 'prisma', provider, 'schema.prisma'), 'utf8'));

const byName = (fields: Field[]): Field[] => [...fields].sort((a, b) => a.name.localeCompare(b.name));

describe('prisma/sqlite and prisma/postgresql schemas', () => {
  const sqlite = load('sqlite');
  const postgresql = load('postgresql');

  it('parse to at least the event log', () => {
    expect(sqlite.Event?.fields.length).toBeGreaterThan(0);
    expect(postgresql.Event?.fields.length).toBeGreaterThan(0);
  });

  it('define the same models', () => {
    expect(Object.keys(postgresql).sort()).toEqual(Object.keys(sqlite).sort());
  });

  it('define the same fields in every model', () => {
    for (const name of Object.keys(sqlite)) {
      expect(postgresql[name]?.fields.map((field) => field.name).sort(), name).toEqual(
        sqlite[name]!.fields.map((field) => field.name).sort(),
      );
    }
  });

  it('map them to the same tables and columns', () => {
    for (const name of Object.keys(sqlite)) {
      expect(postgresql[name]?.table, name).toBe(sqlite[name]!.table);
      expect(byName(postgresql[name]?.fields ?? []), name).toEqual(byName(sqlite[name]!.fields));
    }
  });
});
