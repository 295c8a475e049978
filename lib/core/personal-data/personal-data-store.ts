import { auditQueriesOf, type AuditQueries } from '../audit-queries';
import type { NewEvent } from '../envelope';
import type { EventStore } from '../event-store';
import type { UpcasterRegistry } from '../upcasting';
import { upcastingStore, type UpcastingEventStore } from '../upcasting-store';
import { readPath, writePath, type PersonalDataRules } from './rules';
import { ERASED, fieldContext, isSealed, type PersonalDataVault } from './sealed-field';

/** Whose key seals an event's personal fields: a customer id, or null for data no customer owns (the bank's own accounts). */
export type SubjectOf = (streamId: string, event: NewEvent, batch: readonly NewEvent[]) => Promise<string | null>;

export type PersonalDataProtection = {
  rules: PersonalDataRules;
  /**
   * Inputs of the command recorded in an event's metadata (`metadata.command.input`) that hold what
   * a person typed: sealed like the event's own fields, under the same customer's key.
   */
  commandInputs: readonly string[];
  vault: PersonalDataVault;
  subjectOf: SubjectOf;
};

type DataEvent = { type: string; data: unknown; metadata?: unknown };
type RecordedCommand = { command?: { input?: Record<string, unknown> } & Record<string, unknown> } & Record<string, unknown>;

const isPlainText = (value: unknown): value is string => typeof value === 'string' && value !== '' && value !== ERASED;
const commandInput = (metadata: unknown): Record<string, unknown> | undefined => {
  const input = (metadata as RecordedCommand | undefined)?.command?.input;
  return typeof input === 'object' && input !== null ? input : undefined;
};
/** Where a command input is bound into its ciphertext: the command record, not any event type. */
const inputContext = (key: string): string => fieldContext('command', `input.${key}`);

/** The event store every reader and writer uses, with personal data sealed on append and opened on read. */
export type ProtectedEventStore = UpcastingEventStore & {
  /** Opens the sealed fields of events read elsewhere (as stored): `[erased]` where the key is gone. */
  reveal<E extends DataEvent>(events: readonly E[]): Promise<E[]>;
  readonly protection: PersonalDataProtection;
};

/**
 * Seals each personal field before the event is hashed and appended. A customer whose key was
 * destroyed gets `[erased]` in place of the field: their data is never stored again, and a key is
 * never made again (the event itself is still recorded, so the bank can, say, close the account).
 */
export const sealEvents = async (
  streamId: string,
  events: readonly NewEvent[],
  protection: PersonalDataProtection,
  currentVersion: (type: string) => number = () => 1,
): Promise<NewEvent[]> => {
  const sealed: NewEvent[] = [];
  for (const event of events) {
    // Only today's shapes are sealed: an import at an older version stays as it came (its upcasters expect plain text).
    const current = event.schemaVersion === undefined || event.schemaVersion === currentVersion(event.type);
    const rule = current ? protection.rules[event.type] : undefined;
    const fields = rule?.fields.filter((path) => isPlainText(readPath(event.data, path))) ?? [];
    const input = commandInput(event.metadata);
    const inputs = input ? protection.commandInputs.filter((key) => isPlainText(input[key])) : [];
    if (fields.length === 0 && inputs.length === 0) {
      sealed.push(event);
      continue;
    }
    const subject = await protection.subjectOf(streamId, event, events);
    if (subject === null) {
      sealed.push(event);
      continue;
    }
    let data = event.data;
    for (const path of fields) {
      const field = await protection.vault.seal(subject, readPath(event.data, path) as string, fieldContext(event.type, path));
      data = writePath(data, path, field ?? ERASED);
    }
    let metadata = event.metadata;
    if (inputs.length > 0) {
      const sealedInput = { ...input };
      for (const key of inputs) sealedInput[key] = (await protection.vault.seal(subject, input![key] as string, inputContext(key))) ?? ERASED;
      const recorded = event.metadata as RecordedCommand;
      metadata = { ...recorded, command: { ...recorded.command, input: sealedInput } } as NewEvent['metadata'];
    }
    sealed.push({ ...event, data, metadata });
  }
  return sealed;
};

/** The event with its sealed fields opened (or `[erased]`); events with nothing sealed are returned as they are. */
export const revealEvent = async <E extends DataEvent>(event: E, protection: PersonalDataProtection): Promise<E> => {
  let data = event.data;
  for (const path of protection.rules[event.type]?.fields ?? []) {
    const value = readPath(data, path);
    if (!isSealed(value)) continue;
    data = writePath(data, path, (await protection.vault.open(value, fieldContext(event.type, path))) ?? ERASED);
  }
  let metadata = event.metadata;
  const input = commandInput(event.metadata);
  if (input && Object.values(input).some(isSealed)) {
    const opened = { ...input };
    for (const [key, value] of Object.entries(input)) {
      if (isSealed(value)) opened[key] = (await protection.vault.open(value, inputContext(key))) ?? ERASED;
    }
    const recorded = event.metadata as RecordedCommand;
    metadata = { ...recorded, command: { ...recorded.command, input: opened } };
  }
  return data === event.data && metadata === event.metadata ? event : { ...event, data, metadata };
};

/** Whether an event may hold sealed fields: its type has personal fields, or its command record a sealed input. */
const mayBeSealed = (event: DataEvent, protection: PersonalDataProtection): boolean => {
  if (protection.rules[event.type]) return true;
  const input = commandInput(event.metadata);
  return input !== undefined && protection.commandInputs.some((key) => isSealed(input[key]));
};

const revealAll = async <E extends DataEvent>(events: readonly E[], protection: PersonalDataProtection): Promise<E[]> => {
  const out: E[] = new Array<E>(events.length);
  for (let index = 0; index < events.length; index += 1) {
    const event = events[index]!;
    out[index] = mayBeSealed(event, protection) ? await revealEvent(event, protection) : event;
  }
  return out;
};

/** The audit reads with event data opened; integrity checks read hashes and positions only, so they pass through. */
const revealingQueries = (audit: AuditQueries, protection: PersonalDataProtection): AuditQueries => ({
  queryEvents: async (query) => revealAll(await audit.queryEvents(query), protection),
  listStreams: (query) => audit.listStreams(query),
  integrityFacts: () => audit.integrityFacts(),
  commandMismatches: (options) => audit.commandMismatches(options),
  countEvents: (query, cap) => audit.countEvents(query, cap),
});

/**
 * Decorates the stored store: appends seal personal fields (so the hash chain covers the
 * ciphertext), reads open them and then upcast, so the command handler, projections, the
 * debugger, the audit trail and the CLI all see plain text or `[erased]`. `stored` stays the
 * store as written (ciphertext): hashing, verification, checkpoints and evidence packs use it.
 */
export const protectedStore = (stored: EventStore, upcasters: UpcasterRegistry, protection: PersonalDataProtection): ProtectedEventStore => {
  const opening: EventStore = {
    appendToStream: async (streamId, events, options) =>
      stored.appendToStream(streamId, await sealEvents(streamId, events, protection, (type) => upcasters.currentVersion(type)), options),
    readStream: async (streamId, options) => revealAll(await stored.readStream(streamId, options), protection),
    readAll: async (options) => revealAll(await stored.readAll(options), protection),
    streamExists: (streamId) => stored.streamExists(streamId),
    headPosition: () => stored.headPosition(),
    findCommand: (commandId) => stored.findCommand(commandId),
    close: () => stored.close(),
  };
  const audit = auditQueriesOf(stored);
  return {
    ...upcastingStore(opening, upcasters),
    stored,
    protection,
    reveal: <E extends DataEvent>(events: readonly E[]) => revealAll(events, protection),
    ...(audit ? { auditQueries: () => revealingQueries(audit, protection) } : {}),
  };
};

/** Events read as stored, made readable: opened when the store seals personal data, then upcast. */
export const readableEvents = async <E extends DataEvent & { schemaVersion: number }>(store: UpcastingEventStore, events: readonly E[]): Promise<E[]> => {
  const opened = 'reveal' in store ? await (store as ProtectedEventStore).reveal(events) : events;
  return opened.map((event) => store.upcasters.upcast(event));
};
