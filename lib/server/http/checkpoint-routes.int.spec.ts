import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../audit/checkpoints/signing-key';
import { nodeCrypto } from '../../audit/pack/node-crypto';
import { verifyPackText } from '../../audit/pack/verify-pack';
import { auditPublicKeyRoute, checkpointVerification, exportEvidencePackRoute, listCheckpoints, takeCheckpointRoute } from '../routes/audit-checkpoints';
import { BASE, jsonRequest, signedInAs, useTemporaryEventStore, type TemporaryStore } from './test-support';

/* Who may take a checkpoint, what the key route publishes, and a checkpoint checked over HTTP. */

let db: TemporaryStore;
const key = generateSigningKey();

beforeAll(async () => {
  process.env.CHRONICLE_AUDIT_SIGNING_KEY = key.pem;
  db = await useTemporaryEventStore();
  await db.store.appendToStream('account-a1', [{ type: 'MoneyDeposited', data: { amount: 1, currency: 'EUR' } }]);
});
afterAll(async () => {
  delete process.env.CHRONICLE_AUDIT_SIGNING_KEY;
  await db.release();
});

const post = (headers: Record<string, string>) => takeCheckpointRoute.handler(jsonRequest('/api/audit/checkpoints', {}, headers));

describe('signed checkpoints over HTTP', () => {
  it('publishes the public key to anyone, with its key id', async () => {
    const response = await auditPublicKeyRoute.handler(new Request(`${BASE}/api/audit/public-key`));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ keyId: key.key.keyId, publicKey: key.key.publicKey, jwk: { kty: 'OKP', crv: 'Ed25519', x: key.key.publicKey } });
  });

  it('lets an auditor and a teller take one; refuses customers and strangers, writing nothing', async () => {
    expect((await post(await signedInAs('ada-lovelace'))).status).toBe(403);
    expect((await post({ origin: BASE })).status).toBe(401);
    expect(await db.store.streamExists('checkpoint-audit')).toBe(false);
    const taken = await post(await signedInAs('amir'));
    expect(taken.status, await taken.clone().text()).toBe(200);
    expect(await taken.json()).toMatchObject({ position: 1, keyId: key.key.keyId, trigger: 'on_demand' });
    expect((await post(await signedInAs('ann'))).status).toBe(200);
  });

  it('lists them newest first and verifies the newest against the store', async () => {
    const auditor = await signedInAs('amir');
    const list = await (await listCheckpoints.handler(new Request(`${BASE}/api/audit/checkpoints`, { headers: auditor }))).json();
    expect(list).toMatchObject({ signing: { available: true, keyId: key.key.keyId }, total: 2, keys: [{ keyId: key.key.keyId }] });
    const verdict = await checkpointVerification.handler(new Request(`${BASE}/api/audit/checkpoints/verification`, { headers: auditor }));
    expect(await verdict.json()).toMatchObject({ ok: true, signatureOk: true, rootMatches: true, keyChainOk: true });
    const missing = await checkpointVerification.handler(new Request(`${BASE}/api/audit/checkpoints/verification?version=99`, { headers: auditor }));
    expect(missing.status).toBe(404);
  });

  it('exports an evidence pack an auditor can verify offline; customers may not export', async () => {
    const path = '/api/audit/evidence-pack?streams=account-a1';
    const customer = await exportEvidencePackRoute.handler(new Request(`${BASE}${path}`, { headers: await signedInAs('ada-lovelace') }));
    expect(customer.status).toBe(403);
    const response = await exportEvidencePackRoute.handler(new Request(`${BASE}${path}`, { headers: await signedInAs('amir') }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="chronicle-evidence-\d{8}T\d{6}Z\.json"$/);
    const result = await verifyPackText(await response.text(), nodeCrypto);
    expect(result).toMatchObject({ ok: true, eventsChecked: 1, trustAnchorKeyId: key.key.keyId });
  });
});
