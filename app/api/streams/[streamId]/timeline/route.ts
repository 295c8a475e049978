import { streamTimelineRoute } from '@/lib/server/http/debugger-routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = streamTimelineRoute();
