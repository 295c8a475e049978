import type { z } from 'zod';
import type { breakProblemSchema, chainBreakSchema, merkleFingerprintSchema, verificationReportSchema } from './schemas';

/* The verification's answers, inferred from their schemas (schemas.ts). */

/** Why a link of the chain does not hold (each reason is explained in schemas.ts). */
export type BreakProblem = z.infer<typeof breakProblemSchema>;
export type ChainBreak = z.infer<typeof chainBreakSchema>;
export type MerkleFingerprint = z.infer<typeof merkleFingerprintSchema>;
export type VerificationReport = z.infer<typeof verificationReportSchema>;

export const MAX_BREAKS = 100;
