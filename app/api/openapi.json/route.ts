import { openApiRoute } from '@/lib/server/http/openapi';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = openApiRoute();
