import { projectionDocumentBlame } from '@/lib/server/routes/projection-documents';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = projectionDocumentBlame.handler;
