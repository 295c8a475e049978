import { streamFork } from '@/lib/server/routes/fork';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = streamFork.handler;
