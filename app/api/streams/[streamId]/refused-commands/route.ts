import { streamRefusedCommands } from '@/lib/server/routes/refused-commands';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = streamRefusedCommands.handler;
