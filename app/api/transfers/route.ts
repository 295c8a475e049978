import { requestTransferRoute } from '@/lib/server/http/transfer-routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = requestTransferRoute();
