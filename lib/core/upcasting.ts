import type { NewEvent, RecordedEvent } from './envelope';

/** The part of an event that upcasting reads and rewrites; the rest of the envelope rides along untouched. */
export type VersionedEvent = { type: string; schemaVersion: number; data: unknown };

/** What an upcaster may consult besides the data: the event's envelope, at the version being upcast from. */
export type UpcastSource = Readonly<VersionedEvent & Partial<Pick<RecordedEvent, 'streamId' | 'streamVersion' | 'metadata' | 'recordedAt'>>>;

/**
 * One step of a chain: data of `type` at `fromVersion` → data at `fromVersion + 1`.
 * Pure: no clock, no ids, no I/O, and the input is never changed.
 */
export type Upcaster<From = never, To = unknown> = {
  type: string;
  fromVersion: number;
  upcast: (data: From, source: UpcastSource) => To;
};

type Step = (data: unknown, source: UpcastSource) => unknown;

/** Stored data that no registered chain can bring to the current version: a bug or a missing upcaster, never a user error. */
export class UpcastError extends Error {
  constructor(
    message: string,
    readonly eventType: string,
    readonly schemaVersion: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'UpcastError';
  }
}

/**
 * Upcasters by (event type, version). An event type's current version is one
 * past its newest upcaster (1 when it has none); events are written at it and
 * older ones are brought forward on read, one step at a time.
 */
export class UpcasterRegistry {
  private readonly chains = new Map<string, Map<number, Step>>();
  private readonly current = new Map<string, number>();

  register<From, To>(upcaster: Upcaster<From, To>): this {
    const { type, fromVersion } = upcaster;
    if (!Number.isInteger(fromVersion) || fromVersion < 1) {
      throw new Error(`Upcaster for ${type}: fromVersion must be a whole number from 1, got ${fromVersion}`);
    }
    const steps = this.chains.get(type) ?? new Map<number, Step>();
    if (steps.has(fromVersion)) throw new Error(`An upcaster for ${type} from version ${fromVersion} is already registered`);
    steps.set(fromVersion, upcaster.upcast as Step);
    this.chains.set(type, steps);
    this.current.set(type, Math.max(this.current.get(type) ?? 1, fromVersion + 1));
    return this;
  }

  /** Takes in another registry's chains (one registry per process, made of every aggregate's); a type in both is refused. */
  include(other: UpcasterRegistry): this {
    for (const [type, steps] of other.chains) {
      if (this.chains.has(type)) throw new Error(`Upcasters for ${type} are registered twice`);
      this.chains.set(type, new Map(steps));
      this.current.set(type, other.currentVersion(type));
    }
    return this;
  }

  currentVersion(type: string): number {
    return this.current.get(type) ?? 1;
  }

  /** Every type with at least one upcaster, and its current version. */
  versions(): Record<string, number> {
    return Object.fromEntries([...this.chains.keys()].sort().map((type) => [type, this.currentVersion(type)]));
  }

  /** Throws when a type's chain skips a version between its oldest upcaster and its current version. */
  assertComplete(): this {
    for (const [type, steps] of this.chains) {
      const oldest = Math.min(...steps.keys());
      for (let version = oldest; version < this.currentVersion(type); version++) {
        if (!steps.has(version)) throw new UpcastError(gapMessage(type, version, oldest, this.currentVersion(type)), type, version);
      }
    }
    return this;
  }

  /**
   * The event at its type's current version. An event already there (or of a
   * type without upcasters) is returned as it is; otherwise a new event with new
   * data: the input, however deeply frozen, is never changed.
   */
  upcast<E extends VersionedEvent>(event: E): E {
    const steps = this.chains.get(event.type);
    if (!steps) return event;
    const current = this.currentVersion(event.type);
    const stored = event.schemaVersion;
    if (stored === current) return event;
    if (!Number.isInteger(stored) || stored < 1) {
      throw new UpcastError(`${event.type} has schema version ${stored}; versions are whole numbers from 1`, event.type, stored);
    }
    if (stored > current) {
      throw new UpcastError(
        `${event.type} v${stored} is newer than this application knows (current v${current}): deploy the code that wrote it`,
        event.type,
        stored,
      );
    }
    // Upcasters are meant to be pure; a private copy makes a careless one harmless to the caller's event.
    let data: unknown = structuredClone(event.data);
    for (let version = stored; version < current; version++) {
      const step = steps.get(version);
      if (!step) throw new UpcastError(gapMessage(event.type, version, stored, current), event.type, version);
      data = applyStep(step, data, { ...event, schemaVersion: version, data });
    }
    return { ...event, schemaVersion: current, data };
  }

  /** New events without an explicit version are written at their type's current version. */
  stamp(events: NewEvent[]): NewEvent[] {
    return events.map((event) => {
      if (event.schemaVersion === undefined) return { ...event, schemaVersion: this.currentVersion(event.type) };
      if (this.chains.has(event.type) && event.schemaVersion > this.currentVersion(event.type)) {
        throw new UpcastError(
          `Cannot write ${event.type} v${event.schemaVersion}: the current version is v${this.currentVersion(event.type)}`,
          event.type,
          event.schemaVersion,
        );
      }
      return event;
    });
  }
}

const applyStep = (step: Step, data: unknown, source: UpcastSource): unknown => {
  try {
    return step(data, source);
  } catch (error) {
    if (error instanceof UpcastError) throw error;
    const where = source.streamId === undefined ? '' : ` (${source.streamId} version ${source.streamVersion})`;
    const reason = error instanceof Error ? error.message : String(error);
    throw new UpcastError(`Cannot upcast ${source.type} v${source.schemaVersion}${where}: ${reason}`, source.type, source.schemaVersion, { cause: error });
  }
};

const gapMessage = (type: string, missing: number, from: number, to: number): string =>
  `No upcaster for ${type} from version ${missing} to ${missing + 1}: the chain v${from} → v${to} has a gap`;
