import { backoffDelay, type Backoff } from './backoff';

/** What a pass asks for: the milliseconds until the next one (0: at once; a wake-up cuts any wait short). */
export type Pass = () => Promise<number>;

export type WorkerLoopOptions = {
  /** Named in log lines. */
  name: string;
  /** Waits after failed passes, growing with each failure in a row. */
  backoff: Backoff;
  log?: (line: string) => void;
};

/**
 * The one loop every background worker runs (projections, the transfer saga, the outbox relay):
 * a pass, then a sleep that an append cuts short, and a growing back-off while passes fail. A
 * wake-up that comes during a pass is kept, so an append made while the worker was busy is never
 * left waiting for the next poll. Passes that ask to run at once still yield to the event loop
 * between them, so a worker catching up inside the web server does not starve its requests.
 */
export class WorkerLoop {
  private running = false;
  private done: Promise<void> = Promise.resolve();
  private wakeSleeper: (() => void) | null = null;
  private woken = false;
  private failures = 0;

  constructor(
    private readonly pass: Pass,
    private readonly options: WorkerLoopOptions,
  ) {}

  get isRunning(): boolean {
    return this.running;
  }

  /** Failed passes in a row (0 after a pass that succeeded). */
  get failuresInARow(): number {
    return this.failures;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.done = this.run();
  }

  /** Ends after the pass in progress; resolves once it has. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.done;
  }

  /** Run the next pass now rather than after the wait. */
  wake(): void {
    if (this.wakeSleeper) this.wakeSleeper();
    else this.woken = true;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let delay: number;
      try {
        delay = await this.pass();
        this.failures = 0;
      } catch (error) {
        this.failures++;
        this.options.log?.(`${this.options.name}: ${error instanceof Error ? error.message : String(error)}`);
        delay = backoffDelay(this.failures, this.options.backoff);
      }
      if (!this.running) break;
      await (delay > 0 ? this.sleep(delay) : yieldToEventLoop());
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return yieldToEventLoop();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeSleeper = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeSleeper = done;
    });
  }
}

/** Lets timers, I/O and requests run before the next pass. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
