import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ForbiddenNotice } from '@/components/auth/forbidden-notice';
import { ProjectionStepper } from '@/components/debugger/projection-stepper';
import { requirePrincipal } from '@/lib/server/auth/current-principal';
import { pageRefusal } from '@/lib/server/auth/page-access';
import { authorizeDocumentRead } from '@/lib/server/routes/projection-documents';

type Props = { params: Promise<{ name: string; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name, id } = await params;
  return { title: `Projection stepper · ${decodeURIComponent(name)} · ${decodeURIComponent(id)}` };
}

/** One projection document's history, step by step; who may open it is who may call its API (an unknown one is a 404). */
export default async function ProjectionDocumentPage({ params }: Props) {
  const raw = await params;
  const name = decodeURIComponent(raw.name);
  const id = decodeURIComponent(raw.id);
  const principal = await requirePrincipal(`/debugger/projections/${encodeURIComponent(name)}/${encodeURIComponent(id)}`);
  const refusal = await pageRefusal(() => authorizeDocumentRead(principal, name, id));
  if (refusal) return <ForbiddenNotice title="Not yours to step through" message={refusal} />;
  return (
    <Suspense fallback={<p>Loading the stepper…</p>}>
      <ProjectionStepper name={name} id={id} />
    </Suspense>
  );
}
