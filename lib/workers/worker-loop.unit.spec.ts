import { afterEach, describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';
import { WorkerLoop } from './worker-loop';

const settle = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));
const loops: WorkerLoop[] = [];
afterEach(async () => {
  await Promise.all(loops.splice(0).map((loop) => loop.stop()));
});
const started = (pass: () => Promise<number>, log?: (line: string) => void) => {
  const loop = new WorkerLoop(pass, { name: 'test worker', backoff: { baseMs: 40, maxMs: 1_000 }, log });
  loops.push(loop);
  loop.start();
  return loop;
};

describe('WorkerLoop', () => {
  it('sleeps between passes for as long as the pass asks, and a wake-up cuts the sleep short', async () => {
    let passes = 0;
    const loop = started(async () => {
      passes++;
      return 60_000;
    });
    await settle();
    expect(passes).toBe(1);
    loop.wake();
    await settle();
    expect(passes).toBe(2);
  });

  it('keeps a wake-up that came during a pass, so an append made while busy is not left for the next poll', async () => {
    let passes = 0;
    let release: () => void = () => undefined;
    const loop = started(async () => {
      passes++;
      if (passes === 1) await new Promise<void>((resolve) => (release = resolve));
      return 60_000;
    });
    await settle();
    loop.wake(); // arrives while the first pass is still running
    release();
    await settle();
    expect(passes).toBe(2);
  });

  it('runs again at once while a pass asks for 0, yielding to timers in between', async () => {
    let passes = 0;
    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    started(async () => (++passes < 200 ? 0 : 60_000));
    for (const deadline = Date.now() + 2_000; passes < 200 && Date.now() < deadline; ) await settle(5);
    expect(passes).toBe(200);
    expect(timerRan).toBe(true);
  });

  it('backs off after failed passes, logs them, and counts failures only in a row', async () => {
    const lines: string[] = [];
    let passes = 0;
    const loop = started(async () => {
      passes++;
      if (passes <= 2) throw new Error(`boom ${passes}`);
      return 60_000;
    }, (line) => lines.push(line));
    await settle(10);
    expect(passes).toBe(1);
    expect(loop.failuresInARow).toBe(1);
    expect(lines).toEqual(['test worker: boom 1']);
    await settle(150); // first back-off ~40 ms, second ~80 ms
    expect(passes).toBe(3);
    expect(loop.failuresInARow).toBe(0);
  });

  it('stops after the pass in progress and runs no other', async () => {
    let passes = 0;
    const loop = started(async () => {
      passes++;
      await settle(10);
      return 0;
    });
    await settle(5);
    await loop.stop();
    const after = passes;
    await settle(30);
    expect(passes).toBe(after);
    expect(loop.isRunning).toBe(false);
  });
});

describe('backoffDelay', () => {
  it('doubles from the base with each failure, within ±20 %, and never passes the cap', () => {
    const settings = { baseMs: 100, maxMs: 1_000 };
    expect(backoffDelay(1, settings, () => 0.5)).toBe(100);
    expect(backoffDelay(3, settings, () => 0.5)).toBe(400);
    expect(backoffDelay(3, settings, () => 0)).toBe(320);
    expect(backoffDelay(3, settings, () => 1)).toBeCloseTo(480);
    expect(backoffDelay(50, settings, () => 0.5)).toBe(1_000);
  });
});
