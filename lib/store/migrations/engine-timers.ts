/**
 * The engine arms timers it never clears (a 10 s lock timeout on
 * PostgreSQL, for one), which would keep Node alive long after the work is
 * done. Its timers are unref'd; instead, one ref'd interval holds the process
 * open while any engine session runs.
 */
export const unrefSetTimeout = (callback: () => void, delay: number): NodeJS.Timeout =>
  setTimeout(callback, delay >>> 0).unref();

let activeSessions = 0;
let keepAlive: NodeJS.Timeout | undefined;

export const holdProcessOpen = (): (() => void) => {
  if (activeSessions++ === 0) keepAlive = setInterval(() => {}, 60_000);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--activeSessions === 0) clearInterval(keepAlive);
  };
};
