import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ForbiddenNotice } from '@/components/auth/forbidden-notice';
import { StreamBrowser } from '@/components/streams/stream-browser';
import { authorize } from '@/lib/auth/policy';
import { requirePrincipal } from '@/lib/server/auth/current-principal';
import { webRuntime } from '@/lib/server/web-runtime';

export const metadata: Metadata = { title: 'Streams' };

/** For staff: every stream in the store, to find one by id, holder, size or activity and open it in the debugger. */
export default async function StreamsPage() {
  const principal = await requirePrincipal('/streams');
  const decision = authorize(principal, 'streams.list');
  if (!decision.allowed) return <ForbiddenNotice title="Streams are for the bank’s staff" message={decision.reason} />;
  const categories = webRuntime().aggregates.all.map((aggregate) => aggregate.category);
  return (
    <Suspense fallback={<p>Loading streams…</p>}>
      <StreamBrowser categories={categories} />
    </Suspense>
  );
}
