import { z } from 'zod';

/*
 * Where each projection's checkpoint stands on one stream's timeline: the last version of the
 * stream it has folded, how far it is behind the log's head, and the read-your-writes barrier,
 * the version up to which a read from the read models is sure to include this stream (the
 * lowest checkpoint of all, which a read with `after_position` waits past).
 */

const count = z.number().int().min(0);

export const projectionMarkSchema = z.object({
  name: z.string(),
  status: z.string(),
  version: count.describe('The last version of this stream the projection has folded'),
  behind: count.describe("This stream's events it has not folded yet"),
  checkpoint: count.nullable().describe('Its global checkpoint (staff only)'),
  lag: z.object({ events: count, seconds: z.number().min(0) }).nullable().describe('How far it is behind the log (staff only)'),
});

export const projectionLagSchema = z
  .object({
    streamId: z.string(),
    head: count,
    headPosition: count.nullable().describe("The global position of the stream's newest event (staff only)"),
    projections: z.array(projectionMarkSchema),
    readBarrier: z.object({
      version: count.describe('Reads from the read models include this stream up to here'),
      position: count.nullable().describe('The lowest checkpoint: what a read with `after_position` waits past (staff only)'),
      waiting: z.boolean().describe('A read after the newest event would wait now'),
    }),
    checkedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'StreamProjectionLag' });

export type ProjectionMark = z.infer<typeof projectionMarkSchema>;
export type StreamProjectionLag = z.infer<typeof projectionLagSchema>;

export type CheckpointStatus = { name: string; status: string; checkpoint: number; lag: { events: number; seconds: number } };

/** The last version in 0..head whose event is at or before `checkpoint` (positions grow along a stream): a binary search. */
export const coveredVersion = async (head: number, checkpoint: number, positionOf: (version: number) => Promise<number>): Promise<number> => {
  if (head === 0 || (await positionOf(head)) <= checkpoint) return head;
  let low = 0; // covered (or nothing)
  let high = head; // not covered
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if ((await positionOf(middle)) <= checkpoint) low = middle;
    else high = middle;
  }
  return low;
};

export const streamProjectionLag = async (input: {
  streamId: string;
  head: number;
  statuses: readonly CheckpointStatus[];
  /** The global position of one of the stream's versions. */
  positionOf: (version: number) => Promise<number>;
  /** Staff see the log-wide figures; a customer only where their own stream stands. */
  staff: boolean;
  now: Date;
}): Promise<StreamProjectionLag> => {
  const { streamId, head, statuses, staff } = input;
  const known = new Map<number, Promise<number>>();
  const positionOf = (version: number) => {
    if (!known.has(version)) known.set(version, input.positionOf(version));
    return known.get(version)!;
  };
  const projections = await Promise.all(
    statuses.map(async (status): Promise<ProjectionMark> => {
      const version = await coveredVersion(head, status.checkpoint, positionOf);
      return {
        name: status.name,
        status: status.status,
        version,
        behind: head - version,
        checkpoint: staff ? status.checkpoint : null,
        lag: staff ? { events: status.lag.events, seconds: Math.round(status.lag.seconds * 1000) / 1000 } : null,
      };
    }),
  );
  const barrier = projections.length === 0 ? head : Math.min(...projections.map((mark) => mark.version));
  const lowest = statuses.length === 0 ? null : Math.min(...statuses.map((status) => status.checkpoint));
  return {
    streamId,
    head,
    headPosition: staff && head > 0 ? await positionOf(head) : null,
    projections,
    readBarrier: { version: barrier, position: staff ? lowest : null, waiting: barrier < head },
    checkedAt: input.now.toISOString(),
  };
};
