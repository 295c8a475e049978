import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { edgeState } from '../web-runtime';
import { demoMode } from './auth-mode';

export const MIN_SECRET_LENGTH = 32;
const DEMO_SECRET_FILE = 'data/session-secret';

type Env = Record<string, string | undefined>;

/** Reads the demo secret kept under data/, making it on first use so sessions survive a restart. */
const demoSecret = (file: string, log: (line: string) => void): string => {
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= MIN_SECRET_LENGTH) return kept;
  }
  const made = randomBytes(32).toString('base64url');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${made}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  log(`[auth] No CHRONICLE_SESSION_SECRET: demo mode made a session secret and keeps it in ${file}. Set CHRONICLE_SESSION_SECRET in production.`);
  return made;
};

/**
 * The key sealing session cookies: CHRONICLE_SESSION_SECRET (32+ characters),
 * else in demo mode a generated one kept under data/; outside demo mode a
 * missing or short secret is an error, so the server refuses to start.
 */
export const resolveSessionSecret = (env: Env = process.env, log: (line: string) => void = console.log): string => {
  const configured = env.CHRONICLE_SESSION_SECRET;
  if (configured !== undefined && configured !== '') {
    if (configured.length < MIN_SECRET_LENGTH) throw new Error(`CHRONICLE_SESSION_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
    return configured;
  }
  if (!demoMode(env)) {
    throw new Error(`CHRONICLE_SESSION_SECRET is required outside demo mode (at least ${MIN_SECRET_LENGTH} random characters, e.g. openssl rand -base64 32)`);
  }
  return demoSecret(resolve(/* turbopackIgnore: true */ process.cwd(), env.CHRONICLE_SESSION_SECRET_FILE ?? DEMO_SECRET_FILE), log);
};

/** Resolved once per server process (at start-up, by instrumentation). */
export const sessionSecret = (): string => edgeState('session-secret', () => resolveSessionSecret());
