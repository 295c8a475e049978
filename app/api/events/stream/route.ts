import { eventStream } from '@/lib/server/routes/streams';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = eventStream.handler;
