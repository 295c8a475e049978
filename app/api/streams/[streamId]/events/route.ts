import { streamEvents } from '@/lib/server/routes/streams';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = streamEvents.handler;
