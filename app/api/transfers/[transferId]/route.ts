import { transferStatusRoute } from '@/lib/server/routes/transfers';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = transferStatusRoute.handler;
