import { Suspense } from 'react';
import { AuditView } from '@/components/audit/audit-view';

export const metadata = { title: 'Audit' };

/** For auditors: the history across every stream, its integrity, and exports. The filters live in the URL. */
export default function AuditPage() {
  return (
    <Suspense fallback={<p>Loading the audit trail…</p>}>
      <AuditView />
    </Suspense>
  );
}
