import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';

test.use({ signedInAs: 'amir' });

test('an auditor takes a signed checkpoint, exports an evidence pack, and the offline page verifies it and names a tampered field', async ({ page }, testInfo) => {
  test.slow(); // a checkpoint hashes the whole seeded store; the export scans it again
  await page.goto('/audit');
  const checkpoints = page.getByTestId('checkpoints');
  await expect(checkpoints.getByTestId('audit-key-id')).toHaveText(/^ed25519:[0-9a-f]{16}/);
  // The key is published where a verifier looks for it, to anyone.
  const published = await page.request.get('/.well-known/chronicle-audit-key', { headers: { cookie: '' } });
  expect(published.status()).toBe(200);
  const { keyId } = (await published.json()) as { keyId: string };
  expect((await checkpoints.getByTestId('audit-key-id').innerText()).startsWith(keyId)).toBe(true);
  await checkpoints.getByRole('button', { name: 'Take a signed checkpoint' }).click();
  const newest = checkpoints.getByTestId('checkpoint-list').locator('tbody tr').first();
  await expect(newest).toBeVisible({ timeout: 30_000 });
  await newest.getByRole('button', { name: 'Verify' }).click();
  await expect(checkpoints.getByTestId('checkpoint-verdict')).toContainText('✓ Signed by ed25519:', { timeout: 30_000 });

  const card = page.getByTestId('evidence-pack');
  await card.getByLabel('Streams (comma-separated)').fill('account-legacy-000417');
  const downloading = page.waitForEvent('download');
  await card.getByRole('button', { name: 'Export evidence pack' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^chronicle-evidence-\d{8}T\d{6}Z\.json$/);
  const file = testInfo.outputPath('pack.json');
  await download.saveAs(file);

  // The page is static and allows no connection: what it shows, it worked out from the file alone.
  await page.goto('/verify-pack.html');
  await page.getByLabel(/Key id you trust/).fill(keyId);
  await page.getByLabel('Open an evidence pack (.json), or drop it here').setInputFiles(file);
  await expect(page.getByTestId('pack-verdict')).toHaveText('✓ The pack verifies: every event is as the bank signed it', { timeout: 30_000 });
  await page.screenshot({ path: testInfo.outputPath('verify-pack-ok.png'), fullPage: true });

  const text = readFileSync(file, 'utf8');
  const tampered = text.replace(/"holder":\{"name":"([^"]+)"/, (_match, name: string) => `"holder":{"name":"${name.slice(0, -1)}X"`);
  expect(tampered).not.toBe(text);
  await page.getByLabel('Open an evidence pack (.json), or drop it here').setInputFiles({ name: 'tampered.json', mimeType: 'application/json', buffer: Buffer.from(tampered) });
  await expect(page.getByTestId('pack-verdict')).toHaveText('✗ The pack does not verify');
  await expect(page.getByTestId('fault-field')).toHaveText(/^events\[\d+\]\.upcast$|^events\[\d+\]\.stored\.data$/);
  await page.screenshot({ path: testInfo.outputPath('verify-pack-tampered.png'), fullPage: true });
});
