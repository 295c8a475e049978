import { createRuntime, type Runtime } from '../runtime/runtime';

/*
 * The web server's runtime: one per process, built on first use from the environment. It lives on
 * globalThis only so that Next's development hot reloads keep one runtime (and its connections,
 * leases and workers) instead of one per reload; nothing else in the code keeps process globals.
 * Edge-only state that must also be one per process (sign-in counters, the SSE append watch, the
 * session secret) hangs off it through `edgeState`.
 */

type WebSlot = { runtime: Runtime; edge: Map<string, unknown> };
const slot = globalThis as unknown as { chronicleWeb?: WebSlot };

const current = (): WebSlot => (slot.chronicleWeb ??= { runtime: createRuntime(), edge: new Map() });

export const webRuntime = (): Runtime => current().runtime;

/** This process's one instance of an edge service, made on first use; tied to the runtime's lifetime. */
export const edgeState = <T>(key: string, make: (runtime: Runtime) => T): T => {
  const web = current();
  if (!web.edge.has(key)) web.edge.set(key, make(web.runtime));
  return web.edge.get(key) as T;
};

/** Serves every following request from `runtime` (tests; a second server in one process). The previous one is not closed. */
export const installRuntime = (runtime: Runtime): Runtime => {
  slot.chronicleWeb = { runtime, edge: new Map() };
  return runtime;
};

/** Forgets the installed runtime (tests); the next request builds one from the environment. */
export const uninstallRuntime = (): void => {
  delete slot.chronicleWeb;
};
