import { commandRecordRoute } from '@/lib/server/http/command-record-route';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = commandRecordRoute();
