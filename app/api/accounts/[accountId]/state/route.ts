import { accountStateAtRoute } from '@/lib/server/routes/accounts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = accountStateAtRoute.handler;
