import { bankStatsRoute } from '@/lib/server/http/read-routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = bankStatsRoute();
