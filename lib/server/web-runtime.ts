/*
 * The web server's runtime is its process's, held in lib/runtime/process-runtime.ts (the one place
 * that keeps it across development hot reloads). Edge-only state that must be one per process
 * (sign-in counters, the SSE append watch, the session secret) hangs off it through `edgeState`.
 */
export {
  processRuntime as webRuntime,
  processState as edgeState,
  installProcessRuntime as installRuntime,
  uninstallProcessRuntime as uninstallRuntime,
} from '../runtime/process-runtime';
