import { listCheckpoints, takeCheckpointRoute } from '@/lib/server/routes/audit-checkpoints';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = listCheckpoints.handler;
export const POST = takeCheckpointRoute.handler;
