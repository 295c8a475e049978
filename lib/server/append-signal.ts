import { EventEmitter } from 'node:events';

/**
 * Tells in-process listeners (projections, server-sent events) that events up
 * to a global position were appended, so they need not wait for their next poll.
 * Other processes' appends are still found by polling.
 */
class AppendSignal extends EventEmitter {
  appended(position: number): void {
    this.emit('appended', position);
  }

  onAppended(listener: (position: number) => void): () => void {
    this.on('appended', listener);
    return () => this.off('appended', listener);
  }
}

const globalForSignal = globalThis as unknown as { chronicleAppendSignal?: AppendSignal };

export const appendSignal = (): AppendSignal => {
  if (!globalForSignal.chronicleAppendSignal) {
    globalForSignal.chronicleAppendSignal = new AppendSignal();
    globalForSignal.chronicleAppendSignal.setMaxListeners(0);
  }
  return globalForSignal.chronicleAppendSignal;
};
