import { listAccounts } from '@/lib/server/routes/accounts';
import { createHandler } from '@/lib/server/routes/commands';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = listAccounts.handler;
export const POST = createHandler('accounts');
