import { commandHandler } from '@/lib/server/routes/commands';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** POST /api/{collection}/{id}/{command}: any registered aggregate's other commands (deposit, withdraw, close, interest…). */
export const POST = commandHandler;
