import { projectionDocumentSteps } from '@/lib/server/routes/projection-documents';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = projectionDocumentSteps.handler;
