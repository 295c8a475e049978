import { eventStreamRoute } from '@/lib/server/sse/event-stream';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = eventStreamRoute();
