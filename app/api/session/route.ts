import { sessionRoute, signInRoute, signOutRoute } from '@/lib/server/auth/session-routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = sessionRoute();
export const POST = signInRoute();
export const DELETE = signOutRoute();
