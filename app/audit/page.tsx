import { Suspense } from 'react';
import { AuditView } from '@/components/audit/audit-view';
import { ForbiddenNotice } from '@/components/auth/forbidden-notice';
import { authorize } from '@/lib/auth/policy';
import { requirePrincipal } from '@/lib/server/auth/current-principal';

export const metadata = { title: 'Audit' };

/** For auditors: the history across every stream, its integrity, and exports. The filters live in the URL. */
export default async function AuditPage() {
  const decision = authorize(await requirePrincipal('/audit'), 'audit.read');
  // One plain refusal instead of a 403 in every panel.
  if (!decision.allowed) return <ForbiddenNotice title="The audit trail is for the bank’s staff" message={decision.reason} />;
  return (
    <Suspense fallback={<p>Loading the audit trail…</p>}>
      <AuditView />
    </Suspense>
  );
}
