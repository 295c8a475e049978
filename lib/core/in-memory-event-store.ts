import type { AuditQueries } from './audit-queries';
import type { NewEvent, RecordedEvent } from './envelope';
import type { AppendOptions, AppendResult, EventStore, ReadAllOptions, ReadStreamOptions, StreamHead } from './event-store';
import { assertExpectedVersion } from './expected-version';
import { prepareEvents } from './prepare-events';
import { ValidationError } from './errors';
import { inMemoryAuditQueries } from './in-memory-audit-queries';

/** The store port in memory: same semantics as the database adapters, for unit tests. */
export class InMemoryEventStore implements EventStore {
  private readonly all: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly commands = new Map<string, AppendResult>();
  private readonly eventIds = new Set<string>();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    if (events.length === 0) throw new ValidationError('An append needs at least one event');
    const known = options.commandId ? this.commands.get(options.commandId) : undefined;
    if (known) return { ...known, duplicate: true };
    const stream = this.streams.get(streamId) ?? [];
    assertExpectedVersion(streamId, options.expectedVersion ?? 'any', stream.length);
    const last = stream.at(-1);
    const head: StreamHead = { version: stream.length, hash: last?.hash ?? null };
    const prepared = prepareEvents(streamId, structuredClone(events), head, this.clock(), options.commandId);
    const ids = new Set(prepared.map((event) => event.eventId));
    if (ids.size < prepared.length || prepared.some((event) => this.eventIds.has(event.eventId))) {
      throw new Error('Duplicate event id: event ids are unique across the store');
    }
    for (const event of prepared) {
      const recorded: RecordedEvent = { ...event, globalPosition: this.all.length + 1 };
      this.all.push(recorded);
      this.eventIds.add(recorded.eventId);
      stream.push(recorded);
    }
    this.streams.set(streamId, stream);
    const result: AppendResult = {
      streamId,
      nextExpectedVersion: stream.length,
      lastGlobalPosition: this.all.length,
      duplicate: false,
    };
    if (options.commandId) this.commands.set(options.commandId, result);
    return result;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const from = Math.max(options.fromVersion ?? 1, 1);
    const to = options.toVersion ?? Number.MAX_SAFE_INTEGER;
    const stream = this.streams.get(streamId) ?? [];
    return structuredClone(stream.slice(from - 1, Math.min(to, from - 1 + (options.limit ?? Infinity))));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const from = options.fromPosition ?? 0;
    return structuredClone(this.all.slice(from, from + (options.limit ?? 1000)));
  }

  async streamExists(streamId: string): Promise<boolean> {
    return (this.streams.get(streamId)?.length ?? 0) > 0;
  }

  async headPosition(): Promise<number> {
    return this.all.length;
  }

  async findCommand(commandId: string): Promise<AppendResult | null> {
    const known = this.commands.get(commandId);
    return known ? { ...known, duplicate: true } : null;
  }

  auditQueries(): AuditQueries {
    return inMemoryAuditQueries(() => this.all, () => this.commands);
  }

  async close(): Promise<void> {}
}
