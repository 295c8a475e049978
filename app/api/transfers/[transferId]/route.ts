import { transferStatusRoute } from '@/lib/server/http/transfer-routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = transferStatusRoute();
