import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { ForbiddenNotice } from '@/components/auth/forbidden-notice';
import { DebuggerView } from '@/components/debugger/debugger-view';
import { NO_VOCABULARY, VocabularyProvider } from '@/components/debugger/vocabulary';
import { webRuntime } from '@/lib/server/web-runtime';
import { authorizeStreamRead } from '@/lib/server/auth/authorize';
import { requirePrincipal } from '@/lib/server/auth/current-principal';
import { pageRefusal, requireStream } from '@/lib/server/auth/page-access';
import { STREAM_ID_PATTERN } from '@/lib/core/ids';

type Props = { params: Promise<{ streamId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { streamId } = await params;
  return { title: `Time travel · ${decodeURIComponent(streamId)}` };
}

/** The time-travel debugger for one stream; the position is in `?v=`, all data loads in the browser. */
export default async function DebuggerPage({ params }: Props) {
  const streamId = decodeURIComponent((await params).streamId);
  const principal = await requirePrincipal(`/debugger/${encodeURIComponent(streamId)}`);
  if (!STREAM_ID_PATTERN.test(streamId)) notFound();
  const refusal = await pageRefusal(() => authorizeStreamRead(principal, streamId));
  if (refusal) return <ForbiddenNotice title="This stream is not yours" message={refusal} />;
  await requireStream(streamId);
  // Each aggregate's own event types and presets: a transfer is not offered an account's.
  const aggregate = webRuntime().aggregates.ofStream(streamId);
  const spec = aggregate?.debugger;
  // Its commands too, for a what-if fork's "insert a command" (decided on the server, never sent).
  const commands = Object.entries(aggregate?.commands ?? {}).map(([name, command]) => ({ name, type: command.type, example: (command.example as Record<string, unknown> | undefined) ?? null }));
  const vocabulary = spec ? { label: spec.label, eventTypes: [...spec.eventTypes], presets: spec.presets.map((preset) => ({ ...preset })), commands } : NO_VOCABULARY;
  return (
    <Suspense fallback={<p>Loading the debugger…</p>}>
      <VocabularyProvider vocabulary={vocabulary}>
        <DebuggerView streamId={streamId} />
      </VocabularyProvider>
    </Suspense>
  );
}
