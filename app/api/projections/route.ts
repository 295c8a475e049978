import { projectionsRoute } from '@/lib/server/http/projection-routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = projectionsRoute();
