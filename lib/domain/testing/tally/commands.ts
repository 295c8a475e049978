import { z } from 'zod';

export const startTallyInput = z.object({ label: z.string().trim().min(1, 'Label is required').max(40, 'Label may be at most 40 characters') }).strict();
export const addToTallyInput = z.object({ count: z.number().int('Count must be a whole number').min(1).max(1_000) }).strict();
export const closeTallyInput = z.object({}).strict();

type Metadata = { commandId: string; now: string; actor: string };

export type TallyCommand =
  | { type: 'StartTally'; data: z.infer<typeof startTallyInput> & { tallyId: string }; metadata: Metadata }
  | { type: 'AddToTally'; data: z.infer<typeof addToTallyInput> & { tallyId: string }; metadata: Metadata }
  | { type: 'CloseTally'; data: { tallyId: string }; metadata: Metadata };
