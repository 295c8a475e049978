import { listStreams } from '@/lib/server/routes/stream-list';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = listStreams.handler;
