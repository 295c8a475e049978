import { streamDecisions } from '@/lib/server/routes/decisions';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = streamDecisions.handler;
