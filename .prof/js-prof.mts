import canonicalize from 'canonicalize';
import { createHash, hash, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { v7 } from 'uuid';
import { prepareEvents } from '/work/wt/append/lib/core/prepare-events';
import { canonicalEncoding } from '/work/wt/append/lib/core/canonical-event';
import { makeEvent } from '/work/wt/append/bench/append/workloads';

const N = 20000;
const events = Array.from({ length: N }, (_, i) => makeEvent(i));
const time = (label: string, fn: () => void) => {
  for (let r = 0; r < 2; r++) fn();
  const t = performance.now();
  fn();
  const ms = performance.now() - t;
  console.log(`${label.padEnd(30)} ${((ms * 1000) / N).toFixed(2)} µs/event`);
};
const now = new Date();
time('prepareEvents (all)', () => void prepareEvents('acct-x', events, { version: 0, hash: null }, now, undefined));
const prepared = prepareEvents('acct-x', events, { version: 0, hash: null }, now, undefined);
time('canonicalEncoding', () => { for (const e of prepared) canonicalEncoding(e); });
const enc = prepared.map((e) => canonicalEncoding(e));
time('createHash x3 update', () => { for (const s of enc) createHash('sha256').update('0'.repeat(64)).update('\n').update(s).digest('hex'); });
time('crypto.hash one-shot', () => { for (const s of enc) hash('sha256', `${'0'.repeat(64)}\n${s}`, 'hex'); });
time('JSON.stringify data+meta', () => { for (const e of prepared) { JSON.stringify(e.data); JSON.stringify(e.metadata); } });
time('randomUUID', () => { for (let i = 0; i < N; i++) randomUUID(); });
time('uuid v7', () => { for (let i = 0; i < N; i++) v7(); });
time('canonicalize(data)', () => { for (const e of prepared) canonicalize(e.data); });
