import { streamCausality } from '@/lib/server/routes/causality';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = streamCausality.handler;
