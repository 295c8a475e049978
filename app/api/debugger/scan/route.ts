import { historyScan } from '@/lib/server/routes/history-scan';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = historyScan.handler;
