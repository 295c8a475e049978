import { z } from 'zod';
import { checkpointListSchema, checkpointVerificationSchema, publishedAuditKeySchema, recordedCheckpointSchema } from '../../audit/checkpoints/checkpoint-schemas';
import { MAX_PACK_EVENTS, packLines } from '../../audit/pack/build-pack';
import { MAX_PACK_STREAMS } from '../../audit/pack/export-pack';
import type { EvidencePack } from '../../audit/pack/pack-schema';
import { streamIdSchema } from '../../commands/validation';
import { auditCheckpoints, auditPublicKey, evidencePack, takeAuditCheckpoint, verifyAuditCheckpoint } from '../audit-checkpoints';
import { defineRoute } from '../http/define-route';
import { isoTime, joinedList, wholeNumber } from '../http/query';

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

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** The pack streamed a line at a time: it is built in memory (bounded by MAX_PACK_EVENTS), never held twice as one string. */
const packResponse = (pack: EvidencePack): Response => {
  const lines = packLines(pack);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(body, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="chronicle-evidence-${stamp()}.json"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
};

export const exportEvidencePackRoute = defineRoute({
  method: 'GET',
  path: '/api/audit/evidence-pack',
  operationId: 'exportEvidencePack',
  summary: 'Export a stream, a set of streams or a time window as a self-verifying evidence pack',
  description: `One JSON file: the events (stored and upcast), the hash-chain segments with their boundary hashes, an inclusion proof of each event against a signed checkpoint, the checkpoint, the key chain and the pack's signature. Check it offline with \`chronicle verify-pack FILE\` or /verify-pack.html. Takes a checkpoint first when events were recorded since the last (so it needs the checkpoint right); refused past ${MAX_PACK_EVENTS} events.`,
  tag: 'audit',
  auth: { action: 'audit.checkpoint' },
  query: z
    .object({
      streams: joinedList(z.string())
        .transform((value) => value.split(','))
        .pipe(z.array(streamIdSchema).max(MAX_PACK_STREAMS, `At most ${MAX_PACK_STREAMS} streams`))
        .optional()
        .meta({ description: 'Stream ids, comma-separated or repeated' }),
      from: isoTime('from').optional().meta({ description: 'Recorded at or after (ISO; UTC without an offset)' }),
      to: isoTime('to').optional().meta({ description: 'Recorded before (ISO; UTC without an offset)' }),
    })
    .refine((query) => !query.from || !query.to || query.from < query.to, { message: 'to must be after from', path: ['to'] }),
  responses: {
    200: {
      description: 'The pack, as an attachment',
      contentType: 'application/json',
      headers: z.object({ 'Content-Disposition': z.string().meta({ description: 'attachment; filename="chronicle-evidence-<time>.json"' }) }),
    },
    404: '`stream_not_found`',
    422: '`history_contradicts_checkpoint`: the store no longer matches the last checkpoint; `key_rotation_unsigned`',
    503: '`unavailable`: no signing key is configured',
  },
  handle: async ({ query, principal }) =>
    packResponse(
      await evidencePack(
        { streams: query.streams ? [...new Set(query.streams)] : null, from: query.from?.toISOString() ?? null, to: query.to?.toISOString() ?? null },
        principal.id,
      ),
    ),
});
