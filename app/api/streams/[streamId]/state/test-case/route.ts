import { streamTestCase } from '@/lib/server/routes/debugger';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = streamTestCase.handler;
