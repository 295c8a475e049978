import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { packText } from '../lib/audit/pack/build-pack';
import { exportEvidencePack } from '../lib/audit/pack/export-pack';
import { nodeCrypto } from '../lib/audit/pack/node-crypto';
import { packFixture } from '../lib/audit/pack/testing/pack-fixture';
import { verifyPackText } from '../lib/audit/pack/verify-pack';

/*
 * How long an offline check of a large evidence pack takes: N events (default 100 000: 1 000
 * accounts, legacy-opened and upcast, then deposits), exported whole, verified as
 * `chronicle verify-pack` does. Writes the pack to a temporary file for the browser page.
 * Run under `flock /tmp/chronicle-bench.lock npx tsx scripts/bench-evidence-pack.ts [N]`.
 */

const total = Number(process.argv[2] ?? 100_000);
const accounts = 1_000;
const started = performance.now();
const fixture = await packFixture(accounts, Math.ceil(total / accounts) - 1);
const built = performance.now();
const pack = await exportEvidencePack(fixture.store, fixture.keys, { scope: { streams: null, from: null, to: null }, actor: 'bench' });
const text = packText(pack);
const exported = performance.now();
const file = join(tmpdir(), `chronicle-pack-${pack.events.length}.json`);
writeFileSync(file, text);
const result = await verifyPackText(text, nodeCrypto);
const verified = performance.now();
if (!result.ok) throw new Error(`the pack did not verify: ${JSON.stringify(result.fault)}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
console.log(`events:        ${pack.events.length} in ${result.streams} streams`);
console.log(`pack size:     ${(Buffer.byteLength(text) / 1024 / 1024).toFixed(0)} MiB (${file})`);
console.log(`store built:   ${seconds(built - started)} (in memory)`);
console.log(`exported:      ${seconds(exported - built)} (checkpoint, one scan, proofs, digests, signature)`);
console.log(`verified:      ${seconds(verified - exported)} (parse, schema, chains, proofs, signature, bytes)`);
