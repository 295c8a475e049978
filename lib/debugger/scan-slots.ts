import { RateLimitedError } from '../core/errors';

const RETRY_AFTER_SECONDS = 5;

/**
 * A history scan reads the whole log and holds a state per stream: one request can cost seconds of
 * a core and memory in proportion to the bank. Only so many run at once per process (default one);
 * another asked meanwhile is told to come back (429 `too_many_scans`) rather than queued behind it.
 */
export class ScanSlots {
  private running = 0;

  constructor(private readonly atOnce = 1) {}

  /** Takes a slot or throws; returns its release, safe to call more than once. */
  take(): () => void {
    if (this.running >= this.atOnce) {
      throw new RateLimitedError(`A history scan is already running on this server (at most ${this.atOnce} at once); try again shortly`, RETRY_AFTER_SECONDS, 'too_many_scans');
    }
    this.running += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running -= 1;
    };
  }
}
