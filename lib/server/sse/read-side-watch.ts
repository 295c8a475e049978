import type { ProjectionProgress } from './read-model-notices';

/**
 * One poll of the projections' checkpoints for every connection of the process
 * that is waiting to announce a read-model change, instead of a timer per
 * connection: a thousand streams cost one poll every `everyMs`, and a
 * connection wakes only when a checkpoint actually moved (or a projection
 * failed or recovered). Every 250 ms by default: each wake sends a frame to
 * every waiting client, and a client refetching its queries needs no more.
 * It polls only while someone listens.
 */
export class ReadSideWatch {
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private polling = false;
  private lastKey: string | null = null;
  /** The progress last read; null before the first poll. May lag the truth by up to one poll. */
  latest: ProjectionProgress[] | null = null;

  constructor(
    private readonly progress: () => Promise<ProjectionProgress[]>,
    private readonly everyMs = 250,
  ) {}

  get listenerCount(): number {
    return this.listeners.size;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    if (this.timer === undefined && !this.polling) this.schedule(0);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer !== undefined) {
        clearTimeout(this.timer);
        this.timer = undefined;
      }
    };
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => void this.poll(), ms);
  }

  private async poll(): Promise<void> {
    this.timer = undefined;
    this.polling = true;
    try {
      const progress = await this.progress();
      const key = JSON.stringify(progress);
      if (key !== this.lastKey) {
        this.lastKey = key;
        this.latest = progress;
        for (const listener of [...this.listeners]) listener();
      }
    } finally {
      this.polling = false;
      if (this.listeners.size > 0 && this.timer === undefined) this.schedule(this.everyMs);
    }
  }
}
