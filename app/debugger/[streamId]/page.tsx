import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { DebuggerView } from '@/components/debugger/debugger-view';
import { streamIdSchema } from '@/lib/server/http/stream-query';

type Props = { params: Promise<{ streamId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { streamId } = await params;
  return { title: `Time travel · ${decodeURIComponent(streamId)}` };
}

/** The time-travel debugger for one stream; the position is in `?v=`, all data loads in the browser. */
export default async function DebuggerPage({ params }: Props) {
  const streamId = decodeURIComponent((await params).streamId);
  if (!streamIdSchema.safeParse(streamId).success) notFound();
  return (
    <Suspense fallback={<p>Loading the debugger…</p>}>
      <DebuggerView streamId={streamId} />
    </Suspense>
  );
}
