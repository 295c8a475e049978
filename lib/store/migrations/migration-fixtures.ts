import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Provider } from './migrations-folder';
import { LOCKFILE_NAME, prismaPaths } from './migrations-folder';

export const migrationNames = (provider: Provider, projectRoot?: string): string[] =>
  readdirSync(prismaPaths(provider, projectRoot).migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

/**
 * A scratch project holding a copy of prisma/<provider>/ whose schema has one
 * more column than its migrations, and no lockfile.
 */
export const projectWithSchemaChange = (provider: Provider): string => {
  const root = mkdtempSync(path.join(tmpdir(), 'chronicle-migrations-'));
  const source = path.dirname(prismaPaths(provider).schemaPath);
  const target = path.join(root, 'prisma', provider);
  cpSync(source, target, { recursive: true });
  const { schemaPath, migrationsDir } = prismaPaths(provider, root);
  rmSync(path.join(migrationsDir, LOCKFILE_NAME));
  const schema = readFileSync(schemaPath, 'utf8');
  const changed = schema.replace(/(model CommandRecord \{\n)/, '$1  note       String?\n');
  if (changed === schema) throw new Error('fixture: model CommandRecord not found');
  writeFileSync(schemaPath, changed);
  return root;
};
