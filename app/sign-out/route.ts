import { signOutFormRoute } from '@/lib/server/auth/session-routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = signOutFormRoute();
