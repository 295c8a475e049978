import { BusUnavailableError, type BusMessage, type MessageBus, type MessageFilter, type MessageHandler, type Subscription } from '../message-bus';

/** A bus for relay tests: records what it acknowledged, and can be switched off or told to refuse some messages. */
export class RecordingBus implements MessageBus {
  readonly kind = 'in-process' as const;
  readonly published: BusMessage[] = [];
  down = false;
  refuse: (message: BusMessage) => boolean = () => false;

  async publish(message: BusMessage): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.down) throw new BusUnavailableError('bus switched off by the test');
    if (this.refuse(message)) throw new Error(`refused ${message.type} ${message.streamId}@${message.streamVersion}`);
    this.published.push(message);
  }

  async subscribe(_name: string, _filter: MessageFilter, _handler: MessageHandler): Promise<Subscription> {
    throw new Error('RecordingBus has no subscribers');
  }

  async close(): Promise<void> {}

  versionsOf(streamId: string): number[] {
    return this.published.filter((message) => message.streamId === streamId).map((message) => message.streamVersion);
  }
}
