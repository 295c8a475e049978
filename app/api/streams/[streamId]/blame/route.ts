import { streamBlame } from '@/lib/server/routes/blame';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = streamBlame.handler;
