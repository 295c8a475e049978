import { RateLimitedError } from '../../core/errors';

export type StreamLimits = { perPrincipal: number; perProcess: number };

/** What a refused client is told to wait: about the time EventSource itself waits before reconnecting. */
export const STREAM_RETRY_AFTER_SECONDS = 5;

/**
 * Open live streams of this process, counted per principal and in total. Each
 * stream holds memory and a seat at the shared tail, and a resuming one reads
 * the store, so one signed-in user (or a leaked cookie) must not be able to
 * open them without end. A slot is handed back exactly once, when its stream
 * ends however it ends.
 */
export class StreamSlots {
  private readonly byPrincipal = new Map<string, number>();
  private total = 0;

  get open(): number {
    return this.total;
  }

  openBy(principalId: string): number {
    return this.byPrincipal.get(principalId) ?? 0;
  }

  /** Takes a slot or throws `too_many_streams` (429); returns its release, safe to call more than once. */
  take(principalId: string, limits: StreamLimits): () => void {
    const mine = this.openBy(principalId);
    if (mine >= limits.perPrincipal) {
      throw new RateLimitedError(
        `You already have ${mine} live event streams open (at most ${limits.perPrincipal}); close one (a browser tab) or wait for it to end`,
        STREAM_RETRY_AFTER_SECONDS,
        'too_many_streams',
      );
    }
    if (this.total >= limits.perProcess) {
      throw new RateLimitedError(`This server has ${this.total} live event streams open, its limit; try again shortly`, STREAM_RETRY_AFTER_SECONDS, 'too_many_streams');
    }
    this.byPrincipal.set(principalId, mine + 1);
    this.total += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total -= 1;
      const left = this.openBy(principalId) - 1;
      if (left > 0) this.byPrincipal.set(principalId, left);
      else this.byPrincipal.delete(principalId);
    };
  }
}
