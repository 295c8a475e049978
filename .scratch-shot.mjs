import { chromium } from '@playwright/test';
const [,, url, out, w = '1280', h = '900', ...actions] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) } });
const errors = [];
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
await page.goto(url);
await page.waitForSelector('[data-testid="state-panel"]', { timeout: 30000 });
for (const a of actions) {
  const [kind, arg, arg2] = a.split('::');
  if (kind === 'press') await page.keyboard.press(arg);
  if (kind === 'click') await page.getByRole('button', { name: arg, exact: true }).first().click();
  if (kind === 'fill') await page.getByLabel(arg).fill(arg2);
  if (kind === 'wait') await page.waitForTimeout(Number(arg));
  if (kind === 'drag') { const box = await page.getByTestId('density-strip').boundingBox(); await page.mouse.move(box.x + box.width * Number(arg), box.y + 20); await page.mouse.down(); await page.mouse.move(box.x + box.width * Number(arg2), box.y + 20, { steps: 8 }); await page.mouse.up(); }
}
await page.waitForTimeout(800);
await page.screenshot({ path: out, fullPage: true });
console.log('url', page.url(), 'errors', errors);
await browser.close();
