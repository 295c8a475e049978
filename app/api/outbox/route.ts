import { outboxStatusRoute } from '@/lib/server/http/operations-routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = outboxStatusRoute();
