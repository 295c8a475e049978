import { auditPublicKeyRoute } from '@/lib/server/routes/audit-checkpoints';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = auditPublicKeyRoute.handler;
