import { streamForkTestCase } from '@/lib/server/routes/fork';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = streamForkTestCase.handler;
