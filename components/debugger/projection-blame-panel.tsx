'use client';

import { useQuery } from '@tanstack/react-query';
import { getJson } from '@/lib/client/api-client';
import type { ProjectionBlame } from '@/lib/debugger/projection-steps-schemas';
import type { Currency } from '@/lib/domain/account/money';
import { BlameView } from './blame-view';
import { formatCount } from './format';

const IDS = { panel: 'document-blame', title: 'document-blame-title', summary: 'document-blame-summary', change: 'document-blame-change' };

/** Which events made one field of a projection document what it is, newest first, each a jump to its step. */
export function ProjectionBlamePanel({
  name,
  id,
  path,
  total,
  currency,
  goTo,
  onClose,
}: {
  name: string;
  id: string;
  path: string;
  /** The steps known: a new one refreshes the answer. */
  total: number;
  /** The document's currency: money shows in it. */
  currency: Currency | null;
  goTo: (step: number) => void;
  onClose: () => void;
}) {
  const blame = useQuery({
    queryKey: ['projection-document', name, id, 'blame', path, total],
    queryFn: () => getJson<ProjectionBlame>(`/api/projections/${encodeURIComponent(name)}/documents/${encodeURIComponent(id)}/blame?path=${encodeURIComponent(path)}`),
    staleTime: Infinity,
  });
  return (
    <BlameView
      ids={IDS}
      path={path}
      pending="Folding the document…"
      blame={blame}
      currency={currency}
      note={(answer) => (answer.complete ? '' : ' (history longer than one request reads)')}
      jump={(change) => ({ label: `step ${formatCount(change.step + 1)}`, title: `Go to step ${change.step + 1}`, onClick: () => goTo(change.step) })}
      where={(change) => `${change.streamId} v${change.version}`}
      onClose={onClose}
    />
  );
}
