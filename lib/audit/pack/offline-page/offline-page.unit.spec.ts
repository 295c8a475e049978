import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packText } from '../build-pack';
import { exportEvidencePack } from '../export-pack';
import { packFixture } from '../testing/pack-fixture';
import { verifyPackText } from '../verify-pack';
import { browserCrypto } from './browser-crypto';
import { renderVerifyPage, VERIFY_PAGE_PATH } from './render-page';

describe('the offline verifier page', () => {
  it('is up to date with the verifier it bundles (run `npm run build:verify-page` after changing it)', async () => {
    expect(readFileSync(VERIFY_PAGE_PATH, 'utf8') === (await renderVerifyPage())).toBe(true);
  }, 60_000);

  it('allows no connection and runs only its own script and style', () => {
    const html = readFileSync(VERIFY_PAGE_PATH, 'utf8');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link\b|<iframe\b|<img\b/);
  });

  it('its crypto (pure-JS SHA-256, WebCrypto Ed25519) gives the same verdicts as Node’s', async () => {
    const fixture = await packFixture(2, 2);
    const text = packText(await exportEvidencePack(fixture.store, fixture.keys, { scope: { streams: null, from: null, to: null }, actor: 'auditor:amir' }));
    await expect(verifyPackText(text, browserCrypto)).resolves.toMatchObject({ ok: true, eventsChecked: 6 });
    const bad = await verifyPackText(text.replace('"amount":101', '"amount":901'), browserCrypto);
    expect(bad.fault).toMatchObject({ field: 'events[4].stored.data' });
    const forged = text.replace(/"signature":"[A-Za-z0-9_-]+"\s*,"events"/, '"signature":"AAAA","events"');
    expect(forged).not.toBe(text);
    expect((await verifyPackText(forged, browserCrypto)).ok).toBe(false);
  });
});
