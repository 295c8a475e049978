import { getSession, signIn, signOut } from '@/lib/server/routes/session';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = getSession.handler;
export const POST = signIn.handler;
export const DELETE = signOut.handler;
