import { EventEmitter } from 'node:events';

/**
 * Tells in-process listeners (projections, the saga, the relay, server-sent events) that events
 * up to a global position were appended, so they need not wait for their next poll. Other
 * processes' appends are still found by polling. One per runtime.
 */
export class AppendSignal extends EventEmitter {
  constructor() {
    super();
    this.setMaxListeners(0);
  }

  appended(position: number): void {
    this.emit('appended', position);
  }

  onAppended(listener: (position: number) => void): () => void {
    this.on('appended', listener);
    return () => this.off('appended', listener);
  }
}
