import { openAccountRoute } from '@/lib/server/http/command-route';
import { listAccountsRoute } from '@/lib/server/http/read-routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = openAccountRoute();
export const GET = listAccountsRoute();
