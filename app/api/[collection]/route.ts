import { createHandler } from '@/lib/server/routes/commands';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** POST /api/{collection}: the creating command of any registered aggregate (transfers, and any added later). */
export const POST = createHandler();
