/** What a caller hands to the store: an event not yet recorded. */
export type NewEvent<Type extends string = string, Data = unknown> = {
  type: Type;
  data: Data;
  /** The event's schema version; upcasters bring older versions forward on read. */
  schemaVersion?: number;
  /** Chosen by the caller so that retries are recognisable; the store makes one if absent. */
  eventId?: string;
  metadata?: Partial<EventMetadata>;
};

export type EventMetadata = {
  actor: string;
  correlationId: string;
  causationId: string | null;
  commandId: string | null;
  [extra: string]: unknown;
};

/** An event as the store recorded it. */
export type RecordedEvent<Type extends string = string, Data = unknown> = {
  eventId: string;
  streamId: string;
  streamVersion: number;
  globalPosition: number;
  type: Type;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
  recordedAt: Date;
  /** sha256 over the previous event's hash in this stream and this event's canonical encoding. */
  hash: string;
};

/** Stream ids are `{category}-{id}`; the category is what comes before the first dash. */
export const streamCategory = (streamId: string): string => {
  const dash = streamId.indexOf('-');
  return dash === -1 ? streamId : streamId.slice(0, dash);
};
