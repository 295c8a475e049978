import { NotFoundError, ValidationError, ConcurrencyError } from '../../core/errors';
import { ENTITY_ID_PATTERN } from '../../core/ids';
import { ErasureConflict } from '../../core/personal-data/errors';
import type { ProtectedEventStore } from '../../core/personal-data/personal-data-store';
import { readPath } from '../../core/personal-data/rules';
import { ERASED, isSealed } from '../../core/personal-data/sealed-field';

/*
 * Erasing a customer (crypto-shredding): record who erased whom and why, then destroy the
 * customer's data key. The events stay, byte for byte (so every hash, checkpoint and evidence
 * pack still verifies); their sealed fields can no longer be opened and read as `[erased]`.
 */

export const ERASURE_CATEGORY = 'erasure';
export const erasureStream = (customerId: string): string => `${ERASURE_CATEGORY}-${customerId}`;
export const MAX_REASON_LENGTH = 500;
/** Plain-text events named in a refusal; the count says how many more. */
const NAMED = 5;

/** Recorded in `erasure-{customerId}`, a stream of its own: it outlives the customer's accounts and users, is read by staff only (no customer owns it), and its expected version makes a second erasure a conflict. */
export type CustomerDataErased = {
  type: 'CustomerDataErased';
  /** `keyId` null: no key had been made for them (nothing of theirs was sealed); a tombstone still stops one being made. */
  data: { customerId: string; keyId: string | null; reason: string; streams: string[]; erasedAt: string };
};

export type ErasureResult = {
  customerId: string;
  keyId: string | null;
  erasedAt: string;
  erasedBy: string;
  reason: string;
  /** The customer's streams whose personal fields now read `[erased]`. */
  streams: string[];
  globalPosition: number;
};

export type ErasureDeps = {
  store: ProtectedEventStore;
  keys: { status(customerId: string): Promise<{ keyId: string } | null>; erase(customerId: string): Promise<unknown> };
  /** Every stream whose personal data is the customer's: their accounts and their users. */
  customerStreams(customerId: string): Promise<string[]>;
  /** Clears what was derived from the plain text: read models, snapshots, caches. */
  afterErasure(customerId: string, streams: readonly string[]): Promise<void>;
  clock?: () => Date;
};

type PlainField = { streamId: string; version: number; type: string; field: string };

/** Personal fields written before sealing: erasing the key cannot remove them, so the erasure is refused while they exist. */
const plaintextFields = async (store: ProtectedEventStore, streams: readonly string[]): Promise<PlainField[]> => {
  const found: PlainField[] = [];
  const rules = store.protection.rules;
  for (const streamId of streams) {
    for (const stored of await store.stored.readStream(streamId)) {
      // Upcast but not opened: an old version's field (a legacy `name`) is checked where today's shape keeps it.
      const event = store.upcasters.upcast(stored);
      const plain = (value: unknown) => typeof value === 'string' && value !== '' && value !== ERASED && !isSealed(value);
      for (const field of rules[event.type]?.fields ?? []) {
        if (plain(readPath(event.data, field))) found.push({ streamId, version: event.streamVersion, type: event.type, field });
      }
      // The command that recorded it keeps its inputs in the metadata.
      for (const key of store.protection.commandInputs) {
        const field = `command.input.${key}`;
        if (plain(readPath(stored.metadata, field))) found.push({ streamId, version: event.streamVersion, type: event.type, field: `metadata.${field}` });
      }
    }
  }
  return found;
};

const recorded = (event: { data: unknown; metadata: { actor: string }; globalPosition: number }): ErasureResult => {
  const data = event.data as CustomerDataErased['data'];
  return { ...data, erasedBy: event.metadata.actor, globalPosition: event.globalPosition };
};

/**
 * Teller only (the edge checks `customer.erase`). A repeat answers 409 `customer_already_erased`,
 * after making sure the key is gone (so a crash between the record and the key's destruction
 * heals on retry). A customer with personal fields stored in plain text (before sealing) is
 * refused with 409 `plaintext_personal_data`, naming them: nothing is recorded or destroyed.
 */
export const eraseCustomerData = async (
  deps: ErasureDeps,
  input: { customerId: string; reason: string; actor: string },
): Promise<ErasureResult> => {
  const customerId = input.customerId.trim();
  const reason = input.reason.trim();
  if (!ENTITY_ID_PATTERN.test(customerId)) throw new ValidationError('Invalid customer id', [{ path: 'customerId', message: 'Customer id must be letters, digits, _ or -' }]);
  if (reason.length < 3 || reason.length > MAX_REASON_LENGTH) {
    throw new ValidationError('Invalid reason', [{ path: 'reason', message: `Say why, in 3 to ${MAX_REASON_LENGTH} characters` }]);
  }
  const stream = erasureStream(customerId);
  const already = async (): Promise<never> => {
    const [first] = await deps.store.stored.readStream(stream, { limit: 1 });
    await deps.keys.erase(customerId);
    await deps.afterErasure(customerId, (first?.data as CustomerDataErased['data'] | undefined)?.streams ?? []);
    const previous = first ? recorded(first) : null;
    throw new ErasureConflict(
      'customer_already_erased',
      previous ? `Customer ${customerId}'s personal data was erased at ${previous.erasedAt} by ${previous.erasedBy}` : `Customer ${customerId}'s personal data was already erased`,
    );
  };
  if (await deps.store.stored.streamExists(stream)) return already();

  const streams = await deps.customerStreams(customerId);
  if (streams.length === 0) throw new NotFoundError(`No account or user belongs to customer ${customerId}`, 'customer_not_found');
  const plain = await plaintextFields(deps.store, streams);
  if (plain.length > 0) {
    const named = plain.slice(0, NAMED).map((field) => `${field.streamId} v${field.version} (${field.type} ${field.field})`);
    throw new ErasureConflict(
      'plaintext_personal_data',
      `Customer ${customerId} has personal data stored in plain text, written before it was sealed, which destroying a key cannot remove: ${named.join(', ')}${plain.length > NAMED ? ` and ${plain.length - NAMED} more` : ''}. Nothing was erased.`,
    );
  }

  const erasedAt = (deps.clock ?? (() => new Date()))();
  const keyId = (await deps.keys.status(customerId))?.keyId ?? null;
  const appended = await deps.store
    .appendToStream(
      stream,
      [{ type: 'CustomerDataErased', data: { customerId, keyId, reason, streams, erasedAt: erasedAt.toISOString() }, metadata: { actor: input.actor } }],
      { expectedVersion: 'no_stream' },
    )
    // Another teller erased them a moment ago: answer as a repeat.
    .catch((error: unknown) => {
      if (error instanceof ConcurrencyError) return null;
      throw error;
    });
  if (appended === null) return already();
  await deps.keys.erase(customerId);
  await deps.afterErasure(customerId, streams);
  return { customerId, keyId, erasedAt: erasedAt.toISOString(), erasedBy: input.actor, reason, streams, globalPosition: appended.lastGlobalPosition };
};
