import { auditQueriesOf, type AuditQueries } from '../audit-queries';
import type { NewEvent } from '../envelope';
import type { EventStore } from '../event-store';
import type { UpcasterRegistry } from '../upcasting';
import { upcastingStore, type UpcastingEventStore } from '../upcasting-store';
import { readPath, writePath, type PersonalDataRules } from './rules';
import { ERASED, fieldContext, isSealed, type PersonalDataVault } from './sealed-field';

/** Whose key seals an event's personal fields: a customer id, or null for data no customer owns (the bank's own accounts). */
export type SubjectOf = (streamId: string, event: NewEvent, batch: readonly NewEvent[]) => Promise<string | null>;

export type PersonalDataProtection = { rules: PersonalDataRules; vault: PersonalDataVault; subjectOf: SubjectOf };

type DataEvent = { type: string; data: unknown };

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
    const plain = rule?.fields.filter((path) => {
      const value = readPath(event.data, path);
      return typeof value === 'string' && value !== '' && value !== ERASED;
    });
    if (!plain?.length) {
      sealed.push(event);
      continue;
    }
    const subject = await protection.subjectOf(streamId, event, events);
    if (subject === null) {
      sealed.push(event);
      continue;
    }
    let data = event.data;
    for (const path of plain) {
      const field = await protection.vault.seal(subject, readPath(event.data, path) as string, fieldContext(event.type, path));
      data = writePath(data, path, field ?? ERASED);
    }
    sealed.push({ ...event, data });
  }
  return sealed;
};

/** The event with its sealed fields opened (or `[erased]`); events with nothing sealed are returned as they are. */
export const revealEvent = async <E extends DataEvent>(event: E, protection: PersonalDataProtection): Promise<E> => {
  const rule = protection.rules[event.type];
  if (!rule) return event;
  let data = event.data;
  for (const path of rule.fields) {
    const value = readPath(data, path);
    if (!isSealed(value)) continue;
    data = writePath(data, path, (await protection.vault.open(value, fieldContext(event.type, path))) ?? ERASED);
  }
  return data === event.data ? event : { ...event, data };
};

const revealAll = async <E extends DataEvent>(events: readonly E[], protection: PersonalDataProtection): Promise<E[]> => {
  const out: E[] = new Array<E>(events.length);
  for (let index = 0; index < events.length; index += 1) {
    const event = events[index]!;
    out[index] = protection.rules[event.type] ? await revealEvent(event, protection) : event;
  }
  return out;
};

/** The audit reads with event data opened; integrity checks read hashes and positions only, so they pass through. */
const revealingQueries = (audit: AuditQueries, protection: PersonalDataProtection): AuditQueries => ({
  queryEvents: async (query) => revealAll(await audit.queryEvents(query), protection),
  listStreams: (query) => audit.listStreams(query),
  integrityFacts: () => audit.integrityFacts(),
  commandMismatches: (options) => audit.commandMismatches(options),
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
