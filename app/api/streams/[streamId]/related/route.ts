import { relatedEvents } from '@/lib/server/routes/related-events';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = relatedEvents.handler;
