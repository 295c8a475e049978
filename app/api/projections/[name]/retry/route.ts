import { retryProjectionRoute } from '@/lib/server/http/projection-routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = retryProjectionRoute();
