import { auditEventsJsonLines } from '@/lib/server/routes/audit';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = auditEventsJsonLines.handler;
