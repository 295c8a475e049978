import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { ForbiddenNotice } from '@/components/auth/forbidden-notice';
import { ProjectionStepper } from '@/components/debugger/projection-stepper';
import { isEntityId } from '@/lib/core/ids';
import { documentScope } from '@/lib/debugger/projection-documents';
import { authorizeStreamRead, requireAllowed } from '@/lib/server/auth/authorize';
import { requirePrincipal } from '@/lib/server/auth/current-principal';
import { pageRefusal } from '@/lib/server/auth/page-access';
import { webRuntime } from '@/lib/server/web-runtime';

type Props = { params: Promise<{ name: string; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name, id } = await params;
  return { title: `Projection stepper · ${decodeURIComponent(name)} · ${decodeURIComponent(id)}` };
}

/** One projection document's history, step by step; who may open it is who may call its API. */
export default async function ProjectionDocumentPage({ params }: Props) {
  const raw = await params;
  const name = decodeURIComponent(raw.name);
  const id = decodeURIComponent(raw.id);
  const principal = await requirePrincipal(`/debugger/projections/${encodeURIComponent(name)}/${encodeURIComponent(id)}`);
  if (!webRuntime().projectionList.some((projection) => projection.name === name)) notFound();
  const scope = documentScope(name, id);
  if (scope.kind === 'stream' && !isEntityId(id)) notFound();
  const refusal = await pageRefusal(async () => (scope.kind === 'stream' ? authorizeStreamRead(principal, scope.streamId) : requireAllowed(principal, 'bank.history')));
  if (refusal) return <ForbiddenNotice title="Not yours to step through" message={refusal} />;
  return (
    <Suspense fallback={<p>Loading the stepper…</p>}>
      <ProjectionStepper name={name} id={id} />
    </Suspense>
  );
}
