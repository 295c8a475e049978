import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppendWatch } from './append-watch';

const signal = () => {
  const emitter = new EventEmitter();
  return {
    emitter,
    onAppended: (listener: (position: number) => void) => {
      emitter.on('appended', listener);
      return () => emitter.off('appended', listener);
    },
  };
};

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('AppendWatch', () => {
  it('wakes subscribers at once on a local append and on a poll that finds the head moved by another process', async () => {
    let head = 5;
    const local = signal();
    const watch = new AppendWatch(async () => head, local, 100);
    const woken = vi.fn();
    watch.subscribe(woken);

    await vi.advanceTimersByTimeAsync(100);
    expect(woken).toHaveBeenCalledTimes(1); // the first poll wakes everyone: it cannot know what they saw

    head = 6;
    local.emitter.emit('appended', 6);
    expect(woken).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(100);
    expect(woken).toHaveBeenCalledTimes(2); // already announced by the signal

    head = 8;
    await vi.advanceTimersByTimeAsync(100);
    expect(woken).toHaveBeenCalledTimes(3);
  });

  it('listens and polls only while someone subscribes', async () => {
    const local = signal();
    const headPosition = vi.fn(async () => 0);
    const watch = new AppendWatch(headPosition, local, 100);
    const unsubscribeA = watch.subscribe(() => undefined);
    const unsubscribeB = watch.subscribe(() => undefined);
    expect(local.emitter.listenerCount('appended')).toBe(1);
    expect(watch.subscriberCount).toBe(2);

    unsubscribeA();
    unsubscribeB();
    expect(local.emitter.listenerCount('appended')).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(headPosition).not.toHaveBeenCalled();
  });

  it('keeps polling after a failed poll', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const headPosition = vi.fn().mockRejectedValueOnce(new Error('busy')).mockResolvedValue(3);
    const watch = new AppendWatch(headPosition, signal(), 100);
    const woken = vi.fn();
    watch.subscribe(woken);
    await vi.advanceTimersByTimeAsync(100);
    expect(warn).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(woken).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it('never runs two poll loops when subscribers leave and come back while a poll is in flight', async () => {
    let answer: (head: number) => void = () => undefined;
    const headPosition = vi.fn(() => new Promise<number>((resolve) => (answer = resolve)));
    const watch = new AppendWatch(headPosition, signal(), 100);
    const unsubscribe = watch.subscribe(() => undefined);
    await vi.advanceTimersByTimeAsync(100);
    expect(headPosition).toHaveBeenCalledTimes(1);
    unsubscribe();
    watch.subscribe(() => undefined);
    expect(vi.getTimerCount()).toBe(0);
    answer(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(1);
  });
});
