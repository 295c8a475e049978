import type { AggregateLoader } from '../core/aggregate-loader';
import type { AggregateRegistry } from '../core/aggregate-registry';
import type { EventStore } from '../core/event-store';
import type { CommandJournal } from '../core/command-journal';
import { KeyedQueue } from '../core/keyed-queue';
import { dispatchCommand, type CommandContext, type DispatchResult } from './dispatch';

/**
 * Commands to any registered aggregate, through this process's store and loaders. Commands on one
 * stream take turns here, so one process's writers do not race each other into conflicts.
 */
export class CommandBus {
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly store: EventStore,
    readonly aggregates: AggregateRegistry,
    private readonly loaderFor: (aggregate: string) => AggregateLoader<never, never> | undefined,
    private readonly journal?: CommandJournal,
  ) {}

  send(aggregate: string, command: string, id: string | undefined, input: unknown, context: CommandContext): Promise<DispatchResult> {
    const definition = this.aggregates.named(aggregate);
    return dispatchCommand(this.store, definition, command, id, input, context, { loader: this.loaderFor(aggregate), queue: this.queue, journal: this.journal });
  }
}
