import { retryParked } from '@/lib/server/routes/operations';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = retryParked.handler;
