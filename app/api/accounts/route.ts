import { openAccountRoute } from '@/lib/server/http/command-route';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = openAccountRoute();
