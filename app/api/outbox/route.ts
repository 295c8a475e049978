import { outbox } from '@/lib/server/routes/operations';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = outbox.handler;
