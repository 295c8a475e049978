import canonicalize from 'canonicalize';
import { canonicalJson } from '../lib/core/canonical-json';
for (const v of [[[]], [{}], {a: []}, []]) console.log(JSON.stringify(v), canonicalize(v), canonicalJson(v));
