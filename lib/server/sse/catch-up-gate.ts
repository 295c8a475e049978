/**
 * At most `limit` catch-up reads of the store at once for the whole process:
 * a thousand clients reconnecting after a restart each read the log from
 * their Last-Event-ID, and without this they would all hit the database in the
 * same instant. Waiters are served first come, first served.
 */
export class CatchUpGate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(read: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active += 1;
    try {
      return await read();
    } finally {
      // The slot passes straight to the next waiter, so `active` never dips and lets a newcomer jump the queue.
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}
