import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ForbiddenNotice } from '@/components/auth/forbidden-notice';
import { HistoryScanView } from '@/components/debugger/history-scan-view';
import { requireAllowed } from '@/lib/server/auth/authorize';
import { requirePrincipal } from '@/lib/server/auth/current-principal';
import { pageRefusal } from '@/lib/server/auth/page-access';

export const metadata: Metadata = { title: 'Scan all history' };

/** A breakpoint over every stream of the log; staff only, as the API is. The condition lives in `?expr=`. */
export default async function HistoryScanPage() {
  const principal = await requirePrincipal('/debugger/scan');
  const refusal = await pageRefusal(async () => requireAllowed(principal, 'audit.read'));
  if (refusal) return <ForbiddenNotice title="For the bank's staff" message={refusal} />;
  return (
    <Suspense fallback={<p>Loading the scan…</p>}>
      <HistoryScanView />
    </Suspense>
  );
}
