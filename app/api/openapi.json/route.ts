import { openApiJson } from '@/lib/server/routes/api';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = openApiJson.handler;
