/**
 * The demo cluster's master key for customers' personal data, kept in data/cluster/data-key (mode 0600)
 * unless CHRONICLE_DATA_KEY is given: the seeded customers' data keys are wrapped by it, so a second
 * `npm run demo:cluster` on the same database must open them with the same key. Imported before the
 * process helpers, which would otherwise make a new random key for the run.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const clusterData = join(import.meta.dirname, '..', '..', 'data', 'cluster');
const keyFile = join(clusterData, 'data-key');
if (!process.env.CHRONICLE_DATA_KEY) {
  if (!existsSync(keyFile)) {
    mkdirSync(clusterData, { recursive: true });
    writeFileSync(keyFile, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  }
  process.env.CHRONICLE_DATA_KEY = readFileSync(keyFile, 'utf8').trim();
}
