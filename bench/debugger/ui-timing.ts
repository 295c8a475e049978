/**
 * Key press → new position rendered, in the browser, on a long stream.
 * Opens /debugger/{stream} in Debian's Chromium, presses each key many times
 * and measures, inside the page, from the keydown to the first animation
 * frame after the state panel shows the new version (`data-version` equal to
 * the URL's `?v=`). A benchmark, not a test: it prints a table and JSON.
 *
 *   npx tsx bench/debugger/ui-timing.ts [--url http://127.0.0.1:3165] [--stream account-bench-100k] [--presses 40]
 *
 * Without --url it serves the built app (`next build` first) on --port (3199)
 * over --database (file:./data/bench-debugger-ui.db), writing the 100,000-event
 * stream there first with bench/debugger/state-at.ts when it is missing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { numberOption, option, textOption } from '../cli-options';

const STREAM = textOption('stream', 'account-bench-100k');
const PRESSES = numberOption('presses', 40);
const PORT = textOption('port', '3199');
const DATABASE = textOption('database', 'file:./data/bench-debugger-ui.db');
const TARGET_MS = 100;
/** Recorded for a press whose position never rendered: far over the target. */
const STUCK = 5_000;

const KEYS: Array<{ name: string; key: string; setup?: (page: Page) => Promise<void> }> = [
  { name: '→ (next event)', key: 'ArrowRight' },
  { name: '← (previous event)', key: 'ArrowLeft' },
  { name: 'Shift+→ (ten)', key: 'Shift+ArrowRight' },
  { name: 'Shift+← (ten)', key: 'Shift+ArrowLeft' },
  { name: 'PageDown (hundred)', key: 'PageDown' },
  { name: 'PageUp (hundred)', key: 'PageUp' },
  { name: 'End / Home', key: 'End|Home' },
  { name: 'N / P (breakpoint hits)', key: 'n|p' },
];

let server: ChildProcess | undefined;
/** The server runs in its own process group (npx → next → its workers); one that already exited leaves nothing to stop. */
const stopServer = () => {
  if (!server?.pid || server.exitCode !== null) return;
  try {
    process.kill(-server.pid);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
};
const serve = async (): Promise<string> => {
  const filename = DATABASE.replace(/^file:/, '');
  // The debugger reads events, not read models: the server need not spend its first minutes projecting 100,000 events.
  const env = { ...process.env, DATABASE_URL: DATABASE, SNAPSHOT_EVERY: '100', CHRONICLE_IN_PROCESS_PROJECTIONS: 'off', CHRONICLE_DEMO_MODE: 'on' };
  if (!existsSync(filename)) {
    console.log(`writing ${STREAM} (100,000 events) into ${DATABASE}…`);
    const migrate = spawnSync('npx', ['tsx', 'scripts/db-migrate.ts'], { env, stdio: 'inherit' });
    if (migrate.status !== 0) throw new Error('migration failed');
    const write = spawnSync('npx', ['tsx', 'bench/debugger/state-at.ts', '--database', DATABASE, '--stream', STREAM, '--samples', '20'], { env, stdio: 'inherit' });
    if (write.status !== 0) throw new Error('writing the stream failed');
  }

  const taken = await fetch(`http://127.0.0.1:${PORT}/`).then(() => true, () => false);
  if (taken) throw new Error(`port ${PORT} is taken (a server left from an earlier run?): pass --port`);
  server = spawn('node', ['scripts/serve.mjs', '-H', '127.0.0.1', '-p', PORT], { env, stdio: 'ignore', detached: true });
  const url = `http://127.0.0.1:${PORT}`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${url}/api/openapi.json`)).ok) return url;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the server did not come up (run `npx next build` first)');
};

/**
 * In the page: keydown → the frame after the state panel shows the URL's version.
 * Each press is numbered in the page (modifier keydowns are not presses) and its time kept
 * there, so a measurement does not depend on when the bench's own call to wait for it arrives:
 * `frameAfter(n)` asked after press n has rendered answers with the time recorded then. (An
 * earlier probe armed itself with a call sent just before the key; when the key overtook that
 * call, the press was timed only at the bench's next round trip, adding 30–60 ms.)
 * Plain JavaScript in a string: tsx would wrap a function's inner names in a helper the page lacks.
 */
const PROBE = `window.__probe ??= (() => {
  let presses = 0;
  let started = null;
  let timing = 0;
  const frames = new Map();
  const waiting = new Map();
  const record = (press, ms) => {
    frames.set(press, ms);
    waiting.get(press)?.(ms);
    waiting.delete(press);
  };
  const check = () => {
    if (started === null || timing === 0) return;
    const wanted = new URLSearchParams(location.search).get('v');
    const shown = document.querySelector('[data-testid="state-panel"]')?.getAttribute('data-version');
    if (wanted !== null && shown === wanted) {
      const began = started;
      const press = timing;
      timing = 0;
      requestAnimationFrame(() => record(press, performance.now() - began));
    }
  };
  new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-version'] });
  window.addEventListener('keydown', (event) => {
    if (['Shift', 'Control', 'Alt', 'Meta'].includes(event.key)) return;
    presses += 1;
    timing = presses;
    started = performance.now();
  }, { capture: true });
  return {
    presses: () => presses,
    frameAfter: (press) => (frames.has(press) ? Promise.resolve(frames.get(press)) : new Promise((resolve) => waiting.set(press, resolve))),
    check,
  };
})(); true`;

type Row = { key: string; n: number; p50: number; p95: number; max: number; over100: number };
const summarise = (name: string, samples: number[]): Row => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { key: name, n: samples.length, p50: round(at(0.5)), p95: round(at(0.95)), max: round(sorted.at(-1)!), over100: samples.filter((ms) => ms > TARGET_MS).length };
};

const press = async (page: Page, key: string): Promise<number> => {
  const before = await page.evaluate(() => location.search);
  const press = ((await page.evaluate('window.__probe.presses()')) as number) + 1;
  await page.keyboard.press(key);
  // A key that cannot move (already at the end) leaves nothing to measure.
  const moved = await page.waitForFunction((search) => location.search !== search, before, { timeout: 2_000 }).then(
    () => true,
    () => false,
  );
  if (!moved) return Number.NaN;
  await page.evaluate('window.__probe.check()');
  const measured = (page.evaluate(`window.__probe.frameAfter(${press})`) as Promise<number>).catch(() => Number.NaN);
  // A position that never renders is a failure to report, not a reason to hang the run.
  const stuck = new Promise<number>((resolve) => setTimeout(() => resolve(STUCK), 5_000));
  const ms = await Promise.race([measured, stuck]);
  if (ms === STUCK) {
    const seen = await page.evaluate(() => ({ url: location.search, shown: document.querySelector('[data-testid="state-panel"]')?.getAttribute('data-version') }));
    console.log(`[ui-timing] ${key}: ${seen.url} never rendered within 5 s (state panel shows v${seen.shown})`);
  }
  return ms;
};

const main = async () => {
  const base = option('url') ?? (await serve());
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Every page needs a signed-in user: the teller, through the session API as the sign-in page does.
    const signedIn = await page.request.post(`${base}/api/session`, { data: { username: 'ann', password: 'chronicle-demo' } });
    if (!signedIn.ok()) throw new Error(`signing in answered ${signedIn.status()}`);
    const head = ((await (await page.request.get(`${base}/api/streams/${STREAM}/timeline?from=1&limit=1`)).json()) as { head: number }).head;
    const start = Math.floor(head / 2);
    await page.goto(`${base}/debugger/${STREAM}?v=${start}`);
    await page.waitForSelector(`[data-testid="state-panel"][data-version="${start}"]`, { timeout: 30_000 });
    // A breakpoint with hits all along the stream, for N / P: the balance entering one of ten bands.
    const final = ((await (await page.request.get(`${base}/api/streams/${STREAM}/state?version=${head}`)).json()) as { state: { balance: number } }).state.balance;
    const bands = Array.from({ length: 10 }, (_, i) => Math.round((final * (i + 0.5)) / 10));
    const condition = bands.map((low) => `balance > ${low} && balance < ${low + Math.round(final / 40)}`).join(' || ');
    await page.getByLabel('Breakpoint condition').fill(condition);
    await page.getByLabel('Breakpoint condition').press('Enter');
    await page.getByTestId('hit-count').filter({ hasText: /hit/ }).waitFor({ timeout: 60_000 });
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.evaluate(PROBE);

    const rows: Row[] = [];
    for (const { name, key } of KEYS) {
      const samples: number[] = [];
      const keys = key.split('|');
      for (let i = 0; i < PRESSES; i++) {
        const ms = await press(page, keys[i % keys.length]!);
        if (!Number.isNaN(ms)) samples.push(ms);
      }
      rows.push(summarise(name, samples));
    }

    console.log(`\n${STREAM}: ${head.toLocaleString('en')} events; key press → new position rendered (ms), ${PRESSES} presses per key\n`);
    console.log(['key'.padEnd(26), 'n'.padStart(4), 'p50'.padStart(8), 'p95'.padStart(8), 'max'.padStart(8), `>${TARGET_MS}ms`.padStart(9)].join(''));
    for (const row of rows) console.log([row.key.padEnd(26), String(row.n).padStart(4), ...[row.p50, row.p95, row.max].map((v) => v.toFixed(1).padStart(8)), String(row.over100).padStart(9)].join(''));
    const worst = Math.max(...rows.map((row) => row.p95));
    console.log(`\ntarget ≤ ${TARGET_MS} ms after a key press: ${worst <= TARGET_MS ? 'met' : 'MISSED'} at p95 (worst p95 ${worst} ms)`);

    const result = { bench: 'debugger-ui-timing', at: new Date().toISOString(), stream: STREAM, events: head, presses: PRESSES, results: rows };
    const dir = join(process.cwd(), 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `ui-timing-${result.at.replaceAll(':', '-').replace(/\.\d+Z$/, 'Z')}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result));
    console.log(`written to ${file}`);
  } finally {
    await browser.close();
  }
};

// Whatever fails (even launching the browser), the server we started goes with us.
await main().finally(stopServer);
