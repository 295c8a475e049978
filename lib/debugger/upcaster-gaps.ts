import type { RecordedEvent } from '../core/envelope';
import type { EventStore } from '../core/event-store';
import { UpcastError, type UpcasterRegistry } from '../core/upcasting';

/*
 * An upcaster gap: a stored event whose schema version has no path of upcasters to its type's
 * current version (a missing step, or a version newer than this code knows). Every read of its
 * stream fails there, so the finding names the first such event and how many there are.
 */

export type UpcasterGap = { version: number; type: string; schemaVersion: number; message: string };
export type UpcasterGaps = { first: UpcasterGap; count: number } | null;

/** The gap an event falls into, or null when it upcasts. Events already at their type's current version cost no upcast. */
export const upcasterGapOf = (upcasters: UpcasterRegistry, event: RecordedEvent): UpcasterGap | null => {
  const current = upcasters.currentVersion(event.type);
  if (event.schemaVersion === current) return null;
  // A type with no upcasters reads any version as it is; one newer than the code is still a gap.
  if (event.schemaVersion > current) {
    return { version: event.streamVersion, type: event.type, schemaVersion: event.schemaVersion, message: `${event.type} v${event.schemaVersion} is newer than this application knows (current v${current})` };
  }
  try {
    upcasters.upcast(event);
    return null;
  } catch (error) {
    if (!(error instanceof UpcastError)) throw error;
    return { version: event.streamVersion, type: event.type, schemaVersion: event.schemaVersion, message: error.message };
  }
};

const CHUNK = 2_000;

/** One pass over the stream as stored, in chunks. */
export const findUpcasterGaps = async (stored: Pick<EventStore, 'readStream'>, upcasters: UpcasterRegistry, streamId: string): Promise<UpcasterGaps> => {
  let first: UpcasterGap | null = null;
  let count = 0;
  for (let from = 1; ; from += CHUNK) {
    const chunk = await stored.readStream(streamId, { fromVersion: from, toVersion: from + CHUNK - 1 });
    for (const event of chunk) {
      const gap = upcasterGapOf(upcasters, event);
      if (!gap) continue;
      count++;
      first ??= gap;
    }
    if (chunk.length < CHUNK) break;
  }
  return first ? { first, count } : null;
};
