import { auditExportRoute } from '@/lib/server/http/audit-routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = auditExportRoute('csv');
