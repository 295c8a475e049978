type Signal = { onAppended: (listener: (position: number) => void) => () => void };

const LOG_EVERY_MS = 60_000;

/**
 * Tells subscribers that events may have been appended: at once for appends
 * made in this process (the append signal), and within `pollMs` for appends
 * by other processes (a projector, a CLI, a second server), found by polling
 * the head. One watch serves every connection of the process, so a thousand
 * open streams cost one head query per poll, not a thousand; it listens and
 * polls only while someone subscribes.
 */
export class AppendWatch {
  private readonly listeners = new Set<() => void>();
  private state: 'idle' | 'scheduled' | 'polling' = 'idle';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private detach: (() => void) | undefined;
  /** Highest position seen, by signal or poll; -1 until the first poll so that one wakes everybody. */
  private seen = -1;
  private loggedAt = -Infinity;

  constructor(
    private readonly headPosition: () => Promise<number>,
    private readonly signal: Signal,
    private readonly pollMs: number,
  ) {}

  get subscriberCount(): number {
    return this.listeners.size;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    this.detach ??= this.signal.onAppended((position) => {
      this.seen = Math.max(this.seen, position);
      this.notify();
    });
    if (this.state === 'idle') this.schedule();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0) return;
      this.detach?.();
      this.detach = undefined;
      if (this.state === 'scheduled') {
        clearTimeout(this.timer);
        this.state = 'idle';
      }
    };
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private schedule(): void {
    this.state = 'scheduled';
    this.timer = setTimeout(() => void this.poll(), this.pollMs);
  }

  private async poll(): Promise<void> {
    this.state = 'polling';
    try {
      const head = await this.headPosition();
      if (head > this.seen) {
        this.seen = head;
        this.notify();
      }
    } catch (error) {
      if (Date.now() - this.loggedAt > LOG_EVERY_MS) {
        this.loggedAt = Date.now();
        console.warn(`[sse] cannot poll the event store's head: ${(error as Error).message}`);
      }
    } finally {
      if (this.listeners.size > 0) this.schedule();
      else this.state = 'idle';
    }
  }
}
