import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { KEY_BYTES, masterKeyId, newDataKey } from './aes-gcm';

type Env = Record<string, string | undefined>;

export const DEMO_DATA_KEY_FILE = 'data/customer-data-key';

/** The key that wraps every customer's data key; `unavailable` says why personal data cannot be sealed or opened. */
export type MasterKey = { available: true; key: Buffer; id: string; source: 'configured' | 'demo' } | { available: false; reason: string };

/** 32 bytes, as 64 hex digits or base64 / base64url. */
export const parseMasterKey = (text: string, where: string): Buffer => {
  const trimmed = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (bytes.length !== KEY_BYTES) {
    throw new Error(`${where} must be 32 random bytes as 64 hex digits or base64 (\`openssl rand -base64 32\`), got ${bytes.length} bytes`);
  }
  return bytes;
};

/** Same rule as the web edge's demo mode: CHRONICLE_DEMO_MODE=on|off, unset: on except under NODE_ENV=production. */
const isDemo = (env: Env): boolean => {
  const value = env.CHRONICLE_DEMO_MODE?.trim().toLowerCase();
  if (value === 'on' || value === '1' || value === 'true') return true;
  if (value === 'off' || value === '0' || value === 'false') return false;
  return env.NODE_ENV !== 'production';
};

const demoKey = (file: string, log: (line: string) => void): Buffer => {
  if (existsSync(file)) return parseMasterKey(readFileSync(file, 'utf8'), file);
  const key = newDataKey();
  mkdirSync(dirname(file), { recursive: true });
  try {
    // Exclusive: two processes starting at once must not each make a key of their own.
    writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return parseMasterKey(readFileSync(file, 'utf8'), file);
    throw error;
  }
  chmodSync(file, 0o600);
  log(
    `[personal-data] No CHRONICLE_DATA_KEY: demo mode made a master key (${masterKeyId(key)}) for customers' data keys and keeps it in ${file}. Set CHRONICLE_DATA_KEY in production.`,
  );
  return key;
};

/**
 * CHRONICLE_DATA_KEY; in demo mode without one, a key made once and kept under data/ (logged).
 * Outside demo mode without one, personal data cannot be sealed or opened and every write or read
 * that needs it fails saying what to set; a malformed key is an error at once.
 */
export const resolveMasterKey = (env: Env, options: { root?: string; log?: (line: string) => void } = {}): MasterKey => {
  const configured = env.CHRONICLE_DATA_KEY?.trim();
  if (configured) {
    const key = parseMasterKey(configured, 'CHRONICLE_DATA_KEY');
    return { available: true, key, id: masterKeyId(key), source: 'configured' };
  }
  if (!isDemo(env)) {
    return {
      available: false,
      reason:
        'Personal data cannot be sealed or opened: set CHRONICLE_DATA_KEY to 32 random bytes in base64 (`openssl rand -base64 32`), the master key that wraps each customer’s data key, or run in demo mode',
    };
  }
  const file = resolve(options.root ?? process.cwd(), env.CHRONICLE_DATA_KEY_FILE ?? DEMO_DATA_KEY_FILE);
  const key = demoKey(file, options.log ?? console.log);
  return { available: true, key, id: masterKeyId(key), source: 'demo' };
};
