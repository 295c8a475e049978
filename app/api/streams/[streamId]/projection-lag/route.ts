import { streamProjectionLagRoute } from '@/lib/server/routes/projection-lag';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = streamProjectionLagRoute.handler;
