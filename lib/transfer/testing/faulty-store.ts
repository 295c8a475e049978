import { UnavailableError } from '../../core/errors';
import type { EventStore } from '../../core/event-store';

/** The process died: from now on nothing it does reaches the store. */
export class Crash extends Error {
  constructor() {
    super('crashed');
  }
}

export type Fault = 'none' | 'unavailable' | 'crash-before' | 'crash-after';

/**
 * A store seen by a process that may die (kill -9) before or after any write,
 * or meet a database that is briefly unavailable. Once crashed, every call fails.
 */
export class FaultyStore implements EventStore {
  dead = false;

  constructor(
    private readonly inner: EventStore,
    private readonly nextFault: (operation: 'append' | 'read') => Fault,
  ) {}

  private check(operation: 'append' | 'read'): Fault {
    if (this.dead) throw new Crash();
    const fault = this.nextFault(operation);
    if (fault === 'unavailable') throw new UnavailableError('database unavailable (injected)');
    if (fault === 'crash-before') {
      this.dead = true;
      throw new Crash();
    }
    return fault;
  }

  appendToStream: EventStore['appendToStream'] = async (streamId, events, options) => {
    const fault = this.check('append');
    const result = await this.inner.appendToStream(streamId, events, options);
    if (fault === 'crash-after') {
      this.dead = true;
      throw new Crash();
    }
    return result;
  };

  readStream: EventStore['readStream'] = async (streamId, options) => (this.check('read'), this.inner.readStream(streamId, options));
  readAll: EventStore['readAll'] = async (options) => (this.check('read'), this.inner.readAll(options));
  streamExists: EventStore['streamExists'] = async (streamId) => (this.check('read'), this.inner.streamExists(streamId));
  headPosition: EventStore['headPosition'] = async () => (this.check('read'), this.inner.headPosition());
  findCommand: EventStore['findCommand'] = async (commandId) => (this.check('read'), this.inner.findCommand(commandId));
  close = async () => undefined;
}
