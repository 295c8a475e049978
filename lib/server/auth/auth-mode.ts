/**
 * Demo mode lists the demo users and their password on the sign-in page and
 * lets the server make its own session secret. `CHRONICLE_DEMO_MODE=on|off`;
 * unset, it is on except under NODE_ENV=production (`npm run demo` turns it on).
 */
export const demoMode = (env: Record<string, string | undefined> = process.env): boolean => {
  const value = env.CHRONICLE_DEMO_MODE?.trim().toLowerCase();
  if (value === 'on' || value === '1' || value === 'true') return true;
  if (value === 'off' || value === '0' || value === 'false') return false;
  if (value) throw new Error(`CHRONICLE_DEMO_MODE must be on or off, got ${env.CHRONICLE_DEMO_MODE}`);
  return env.NODE_ENV !== 'production';
};
