import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { generateSigningKey, signingKeyFrom, type AuditSigningKey } from './signing-key';

type Env = Record<string, string | undefined>;

export const DEMO_SIGNING_KEY_FILE = 'data/audit-signing-key.pem';

/** Where the keys come from; `unavailable` says why checkpoints cannot be signed. */
export type SigningKeys =
  | { available: true; current: AuditSigningKey; previous: AuditSigningKey | null; source: 'configured' | 'demo' }
  | { available: false; reason: string };

const demoKey = (file: string, log: (line: string) => void): AuditSigningKey => {
  if (existsSync(file)) return signingKeyFrom(readFileSync(file, 'utf8'), file);
  const { key, pem } = generateSigningKey();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, pem, { mode: 0o600 });
  chmodSync(file, 0o600);
  log(
    `[audit] No CHRONICLE_AUDIT_SIGNING_KEY: demo mode made an Ed25519 audit signing key (${key.keyId}) and keeps it in ${file}. Set CHRONICLE_AUDIT_SIGNING_KEY in production.`,
  );
  return key;
};

/**
 * CHRONICLE_AUDIT_SIGNING_KEY (PKCS8: PEM or base64 DER); in demo mode without one, a key made
 * once and kept under data/. CHRONICLE_AUDIT_PREVIOUS_SIGNING_KEY, set while rotating, signs the
 * announcement of the new key. Outside demo mode without a key, signing is unavailable (and says so);
 * a malformed key is an error at once.
 */
export const resolveSigningKeys = (
  env: Env,
  options: { demo: boolean; root?: string; log?: (line: string) => void },
): SigningKeys => {
  const previousText = env.CHRONICLE_AUDIT_PREVIOUS_SIGNING_KEY?.trim();
  const previous = previousText ? signingKeyFrom(previousText, 'CHRONICLE_AUDIT_PREVIOUS_SIGNING_KEY') : null;
  const configured = env.CHRONICLE_AUDIT_SIGNING_KEY?.trim();
  if (configured) return { available: true, current: signingKeyFrom(configured, 'CHRONICLE_AUDIT_SIGNING_KEY'), previous, source: 'configured' };
  if (!options.demo) {
    return {
      available: false,
      reason:
        'Checkpoint signing is unavailable: set CHRONICLE_AUDIT_SIGNING_KEY to an Ed25519 private key in PKCS8 (PEM, or DER in base64; `openssl genpkey -algorithm ed25519`), or run in demo mode',
    };
  }
  const file = resolve(options.root ?? process.cwd(), env.CHRONICLE_AUDIT_SIGNING_KEY_FILE ?? DEMO_SIGNING_KEY_FILE);
  return { available: true, current: demoKey(file, options.log ?? console.log), previous, source: 'demo' };
};

/** Minutes between scheduled checkpoints (CHRONICLE_AUDIT_CHECKPOINT_MINUTES; 0 or unset: none). */
export const checkpointMinutes = (env: Env): number => {
  const raw = env.CHRONICLE_AUDIT_CHECKPOINT_MINUTES?.trim();
  if (!raw) return 0;
  if (!/^\d{1,6}$/.test(raw)) throw new Error(`CHRONICLE_AUDIT_CHECKPOINT_MINUTES must be a whole number of minutes ≥ 0, got ${raw}`);
  return Number(raw);
};
