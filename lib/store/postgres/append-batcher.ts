/**
 * Group commit: while one call is in flight, further appends wait and go
 * together in the next one, so concurrent writers share a transaction and a
 * WAL flush instead of queueing one by one on the global-order lock.
 */
export class AppendBatcher<Request, Row> {
  private queue: Array<{ request: Request; resolve: (row: Row) => void; reject: (error: unknown) => void }> = [];
  private draining = false;

  constructor(
    private readonly send: (requests: Request[]) => Promise<Row[]>,
    private readonly maxBatch = 500,
  ) {}

  submit(request: Request): Promise<Row> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const rows = await this.send(batch.map((item) => item.request));
          batch.forEach((item, index) => item.resolve(rows[index]!));
        } catch (error) {
          for (const item of batch) item.reject(error);
        }
      }
    } finally {
      this.draining = false;
    }
  }
}
