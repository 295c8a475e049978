import { z } from 'zod';
import { checkpointListSchema, checkpointVerificationSchema, publishedAuditKeySchema, recordedCheckpointSchema } from '../../audit/checkpoints/checkpoint-schemas';
import { auditCheckpoints, auditPublicKey, takeAuditCheckpoint, verifyAuditCheckpoint } from '../audit-checkpoints';
import { defineRoute } from '../http/define-route';
import { wholeNumber } from '../http/query';

/*
 * Signed checkpoints. The public key is anyone's to read (it proves nothing by itself and every
 * verifier needs it); taking a checkpoint is an auditor's or the staff's act; listing and
 * verifying them is the audit trail's (`audit.read`).
 */

export const auditPublicKeyRoute = defineRoute({
  method: 'GET',
  path: '/api/audit/public-key',
  operationId: 'getAuditPublicKey',
  summary: "The server's Ed25519 key that signs checkpoints and evidence packs",
  description: 'Also served at /.well-known/chronicle-audit-key. Compare the key id with the one an evidence pack or checkpoint names.',
  tag: 'audit',
  auth: { anonymous: true },
  responses: { 200: { description: 'The current public key', schema: publishedAuditKeySchema }, 503: '`unavailable`: no signing key is configured' },
  handle: async () => auditPublicKey(),
});

export const listCheckpoints = defineRoute({
  method: 'GET',
  path: '/api/audit/checkpoints',
  operationId: 'listCheckpoints',
  summary: 'Signed checkpoints and the keys that signed them',
  tag: 'audit',
  auth: { action: 'audit.read' },
  responses: { 200: { description: 'The newest checkpoints and every announced key', schema: checkpointListSchema } },
  handle: () => auditCheckpoints(),
});

export const takeCheckpointRoute = defineRoute({
  method: 'POST',
  path: '/api/audit/checkpoints',
  operationId: 'takeCheckpoint',
  summary: 'Sign the Merkle root of everything up to the newest event',
  description:
    'Records a CheckpointSigned event in the checkpoint-audit stream (after an AuditKeyAnnounced when the key is new or rotated). A repeat signs a new checkpoint; each is evidence of the store at its position.',
  tag: 'audit',
  auth: { action: 'audit.checkpoint' },
  responses: {
    200: { description: 'The checkpoint as recorded', schema: recordedCheckpointSchema },
    422: '`key_rotation_unsigned`: the key changed and the previous key is not configured to sign the hand-over',
    503: '`unavailable`: no signing key is configured',
  },
  handle: ({ principal }) => takeAuditCheckpoint(principal.id),
});

export const checkpointVerification = defineRoute({
  method: 'GET',
  path: '/api/audit/checkpoints/verification',
  operationId: 'verifyCheckpoint',
  summary: 'Check a signed checkpoint: its key chain, its signature, and its root against the store now',
  tag: 'audit',
  auth: { action: 'audit.read' },
  query: z.object({ version: wholeNumber('version', 1).optional().meta({ description: 'The checkpoint’s version in checkpoint-audit (default: newest)' }) }),
  responses: { 200: { description: 'The verdict, with what failed', schema: checkpointVerificationSchema }, 404: '`checkpoint_not_found`' },
  handle: ({ query }) => verifyAuditCheckpoint(query.version),
});
