import { z } from 'zod';
import { MAX_REASON_LENGTH } from '../../audit/erasure/customer-erasure';
import { eraseCustomer } from '../../runtime/customer-erasure';
import { defineRoute } from '../http/define-route';
import { entityId } from '../http/query';
import { webRuntime } from '../web-runtime';

/* A customer's personal data: erasure by crypto-shredding (README "Audit"). */

const erasureSchema = z
  .object({
    customerId: z.string(),
    keyId: z.string().nullable().describe('The destroyed data key; null when none had been made (a tombstone still stops one being made)'),
    erasedAt: z.string().describe('ISO time'),
    erasedBy: z.string().describe('The actor, e.g. `teller:ann`'),
    reason: z.string(),
    streams: z.array(z.string()).describe('The customer’s streams whose personal fields now read `[erased]`'),
    globalPosition: z.number().int().describe('Position of the CustomerDataErased event in `erasure-{customerId}`'),
  })
  .meta({ id: 'CustomerErasure' });

export const eraseCustomerRoute = defineRoute({
  method: 'POST',
  path: '/api/customers/{customerId}/erasure',
  operationId: 'eraseCustomer',
  summary: "Erase a customer's personal data (destroy their data key)",
  description:
    'Tellers only (auditors and customers get 403). Records CustomerDataErased (who, why) in `erasure-{customerId}`, then destroys the ' +
    'customer’s data key: their holder names, descriptions and display name read `[erased]` from then on, everywhere, while every ' +
    'hash, checkpoint and evidence pack still verifies. Irreversible. The reason is recorded in the clear: do not put personal data in it.',
  tag: 'customers',
  auth: { action: 'customer.erase' },
  params: z.object({ customerId: entityId.meta({ description: 'The customer id accounts and users record, e.g. `ada-lovelace`' }) }),
  body: {
    schema: z.object({ reason: z.string().trim().min(3).max(MAX_REASON_LENGTH).meta({ description: 'Why (recorded in the clear)' }) }).strict(),
    required: true,
  },
  responses: {
    200: { description: 'Erased: the record of the erasure', schema: erasureSchema },
    404: '`customer_not_found`: no account or user belongs to that customer id',
    409: '`customer_already_erased`: erased before (the key is gone; nothing new recorded); `plaintext_personal_data`: personal fields written before sealing exist (named), which a key cannot shred; nothing was erased',
  },
  handle: ({ params, body, principal }) => eraseCustomer(webRuntime(), { customerId: params.customerId, reason: body.reason, actor: principal.id }),
});
