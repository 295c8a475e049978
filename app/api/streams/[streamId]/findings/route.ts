import { streamFindings } from '@/lib/server/routes/stream-findings';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = streamFindings.handler;
