import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils';

/**
 * A plain-object view of an adapter with some methods replaced. The adapters
 * keep private class state, so every call is forwarded to the original.
 * `dispose` runs at most once.
 */
export const delegatingAdapter = (
  inner: SqlDriverAdapter,
  overrides: Partial<Pick<SqlDriverAdapter, 'executeRaw' | 'executeScript' | 'dispose'>> = {},
): SqlDriverAdapter => {
  let disposed: Promise<void> | undefined;
  const dispose = overrides.dispose ?? (() => inner.dispose());
  const adapter: SqlDriverAdapter = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query) => inner.queryRaw(query),
    executeRaw: overrides.executeRaw ?? ((query) => inner.executeRaw(query)),
    executeScript: overrides.executeScript ?? ((script) => inner.executeScript(script)),
    startTransaction: (isolationLevel) => inner.startTransaction(isolationLevel),
    dispose: () => (disposed ??= dispose()),
  };
  if (inner.getConnectionInfo) adapter.getConnectionInfo = () => inner.getConnectionInfo!();
  return adapter;
};

/** Adapters handed out by a factory, so they can all be closed when the engine is done. */
export class AdapterTracker {
  readonly #open = new Set<SqlDriverAdapter>();

  track(adapter: SqlDriverAdapter): SqlDriverAdapter {
    this.#open.add(adapter);
    return adapter;
  }

  async disposeAll(): Promise<void> {
    const adapters = [...this.#open];
    this.#open.clear();
    const results = await Promise.allSettled(adapters.map((adapter) => adapter.dispose()));
    const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) throw failure.reason;
  }
}
