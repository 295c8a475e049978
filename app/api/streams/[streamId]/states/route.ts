import { streamStates } from '@/lib/server/routes/debugger';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = streamStates.handler;
