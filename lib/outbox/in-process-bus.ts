import { matchesFilter, type BusMessage, type MessageBus, type MessageFilter, type MessageHandler, type Subscription } from './message-bus';

type Subscriber = { name: string; filter: MessageFilter; handler: MessageHandler };

/**
 * The default bus: no server. A publish is acknowledged once every matching
 * subscriber has handled the message, so a handler that throws leaves it in the
 * outbox to be tried again (at-least-once across crashes, because the outbox row
 * stays pending until then). Subscribers live as long as the process: start them
 * before the relay, or they miss what it publishes meanwhile.
 */
export class InProcessBus implements MessageBus {
  readonly kind = 'in-process' as const;
  private readonly subscribers = new Set<Subscriber>();
  private closed = false;

  async publish(message: BusMessage): Promise<void> {
    if (this.closed) throw new Error('The in-process bus is closed');
    const matching = [...this.subscribers].filter((subscriber) => matchesFilter(subscriber.filter, message));
    const outcomes = await Promise.allSettled(matching.map((subscriber) => subscriber.handler(message)));
    const failures = outcomes.flatMap((outcome, index) =>
      outcome.status === 'rejected' ? [`${matching[index]!.name}: ${describe(outcome.reason)}`] : [],
    );
    if (failures.length > 0) throw new Error(`Subscriber failed: ${failures.join('; ')}`);
  }

  async subscribe(name: string, filter: MessageFilter, handler: MessageHandler): Promise<Subscription> {
    const subscriber = { name, filter, handler };
    this.subscribers.add(subscriber);
    return { close: async () => void this.subscribers.delete(subscriber) };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.subscribers.clear();
  }
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));
