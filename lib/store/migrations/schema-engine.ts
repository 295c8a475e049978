import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import type * as EngineBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { DatabaseConfig } from '../database-config';
import { AdapterTracker } from './delegating-adapter';
import { explainEngineError } from './engine-errors';
import { engineLogger, type MigrationLog } from './engine-log';
import { holdProcessOpen, unrefSetTimeout } from './engine-timers';
import { prismaPaths, type PrismaPaths } from './migrations-folder';
import { postgresMigrationAdapterFactory } from './postgres-migration-adapter';
import { ensurePostgresTarget } from './postgres-target';
import { postgresTarget } from './postgres-url';
import { sqliteMigrationAdapterFactory } from './sqlite-migration-adapter';

type Bindings = typeof EngineBindings;

const BINDINGS = '@prisma/schema-engine-wasm/schema_engine_bg';
let bindings: Promise<Bindings> | undefined;

/** The package's entry imports the .wasm as an ES module, which Node cannot: instantiate it by hand, once. */
const loadBindings = (): Promise<Bindings> =>
  (bindings ??= (async () => {
    const jsPath = createRequire(import.meta.url).resolve(BINDINGS);
    const glue = (await import(BINDINGS)) as Bindings;
    const wasm = new WebAssembly.Module(readFileSync(path.join(path.dirname(jsPath), 'schema_engine_bg.wasm')));
    const imports: WebAssembly.ModuleImports = { ...(glue as unknown as WebAssembly.ModuleImports) };
    for (const name of Object.keys(imports)) if (name.startsWith('__wbg_setTimeout_')) imports[name] = unrefSetTimeout;
    const instance = new WebAssembly.Instance(wasm, { './schema_engine_bg.js': imports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })());

export interface EngineOptions {
  log?: MigrationLog;
  /** Where `prisma/<provider>/` lives; defaults to the working directory. */
  projectRoot?: string;
}

export interface EngineSession extends PrismaPaths {
  engine: SchemaEngine;
  schema: string;
}

const adapterFactory = async (
  config: DatabaseConfig,
  tracker: AdapterTracker,
): Promise<SqlMigrationAwareDriverAdapterFactory> => {
  if (config.provider === 'sqlite') return sqliteMigrationAdapterFactory(config.filename, tracker);
  const target = postgresTarget(config.url);
  await ensurePostgresTarget(target);
  return postgresMigrationAdapterFactory(target, tracker);
};

/** Runs `run` with a schema engine bound to the configured database, then closes every connection it opened. */
export const withSchemaEngine = async <T>(
  config: DatabaseConfig,
  options: EngineOptions,
  run: (session: EngineSession) => Promise<T>,
): Promise<T> => {
  const paths = prismaPaths(config.provider, options.projectRoot);
  const schema = readFileSync(paths.schemaPath, 'utf8');
  const release = holdProcessOpen();
  const tracker = new AdapterTracker();
  let failed = false;
  try {
    const glue = await loadBindings();
    const factory = bindMigrationAwareSqlAdapterFactory(await adapterFactory(config, tracker));
    const engine = await glue.SchemaEngine.new(
      { datamodels: [[paths.schemaPath, schema]] },
      engineLogger(options.log),
      factory,
    ).catch((error: unknown) => Promise.reject(explainEngineError(error, factory.errorRegistry)));
    try {
      return await run({ engine, schema, ...paths });
    } catch (error) {
      throw explainEngineError(error, factory.errorRegistry);
    } finally {
      engine.free();
    }
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    release();
    // A failure to close must not hide the error that got us here.
    await tracker.disposeAll().catch((error: unknown) => {
      if (!failed) throw error;
    });
  }
};
