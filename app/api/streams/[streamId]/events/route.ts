import { streamEventsRoute } from '@/lib/server/http/stream-events';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = streamEventsRoute();
