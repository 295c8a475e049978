import canonicalize from 'canonicalize';
import { performance } from 'node:perf_hooks';
import { canonicalJson } from '../lib/core/canonical-json';
import { prepareEvents } from '../lib/core/prepare-events';
import { makeEvent } from '../bench/append/workloads';
const N = 20000;
const events = Array.from({ length: N }, (_, i) => makeEvent(i));
const t = (label: string, fn: () => void) => { fn(); const s = performance.now(); fn(); console.log(label.padEnd(20), (((performance.now() - s) * 1000) / N).toFixed(2), 'µs/event'); };
for (let r = 0; r < 3; r++) {
  t('canonicalize', () => { for (const e of events) canonicalize(e.data); });
  t('canonicalJson', () => { for (const e of events) canonicalJson(e.data); });
  t('JSON.stringify', () => { for (const e of events) JSON.stringify(e.data); });
  t('prepareEvents', () => { for (let i = 0; i < N; i += 100) prepareEvents('acct-x', events.slice(i, i + 100), { version: 0, hash: null }, new Date(), undefined); });
}
