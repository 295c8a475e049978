import { createRuntime, type Runtime } from './runtime';

/*
 * The one place that holds a process's runtime (the web server's; scripts and tests build their own
 * with createRuntime). It is built on first use from the environment and kept on globalThis only so
 * that Next's development hot reloads, which re-evaluate modules, keep one runtime (and its
 * connections, leases and workers) instead of one per reload. Nothing else keeps process globals:
 * state that must be one per process (sign-in counters, the SSE append watch, the session secret,
 * caches) hangs off this runtime through `processState`, so it lives and dies with it.
 * `process-runtime.unit.spec.ts` fails if globalThis is used anywhere else in the source tree.
 */

type ProcessSlot = { runtime: Runtime; state: Map<string, unknown> };
const slot = globalThis as unknown as { chronicleWeb?: ProcessSlot };

const current = (): ProcessSlot => (slot.chronicleWeb ??= { runtime: createRuntime(), state: new Map() });

export const processRuntime = (): Runtime => current().runtime;

/** This process's one instance of a service, made on first use; tied to the runtime's lifetime. */
export const processState = <T>(key: string, make: (runtime: Runtime) => T): T => {
  const held = current();
  if (!held.state.has(key)) held.state.set(key, make(held.runtime));
  return held.state.get(key) as T;
};

/** Serves every following request from `runtime` (tests; a second server in one process). The previous one is not closed. */
export const installProcessRuntime = (runtime: Runtime): Runtime => {
  slot.chronicleWeb = { runtime, state: new Map() };
  return runtime;
};

/** Forgets the installed runtime (tests); the next use builds one from the environment. */
export const uninstallProcessRuntime = (): void => {
  delete slot.chronicleWeb;
};
