import type { EventMetadata } from './envelope';

/** Put on each event a stream migration copies: where its original is, and at which schema version it was stored. */
export type MigratedFrom = {
  streamId: string;
  version: number;
  eventId: string;
  schemaVersion: number;
  globalPosition: number;
  recordedAt: string;
};

export const migratedFrom = (event: { metadata: EventMetadata }): MigratedFrom | null => {
  const link = event.metadata.migratedFrom;
  return typeof link === 'object' && link !== null && typeof (link as MigratedFrom).streamId === 'string' ? (link as MigratedFrom) : null;
};

/** A copy restates a fact its original already recorded: whatever counts facts (projections) must skip it. */
export const isMigratedCopy = (event: { metadata: EventMetadata }): boolean => migratedFrom(event) !== null;
