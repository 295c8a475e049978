import { z } from 'zod';

/* Pieces of the views' HTTP response schemas (zod), shared so each reads the same in the OpenAPI document. */

export const isoTime = z.iso.datetime({ offset: true });
export const minorUnits = z.number().int().describe('Minor units (cents)');
export const position = z.number().int().min(0);

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable().describe('Pass as ?cursor= for the next page; null on the last page') });

/** True when every value of type View is valid for Schema: a view's schemas.ts asserts it, so compiling fails if they drift apart. */
export type Conforms<View, Schema extends z.ZodType> = [View] extends [z.infer<Schema>] ? true : false;
export type Assert<T extends true> = T;
