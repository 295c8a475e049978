'use client';

import { useQuery } from '@tanstack/react-query';
import { getJson } from '@/lib/client/api-client';
import type { BlameResult } from '@/lib/debugger/blame';
import type { Currency } from '@/lib/domain/account/money';
import { BlameView } from './blame-view';
import { formatCount } from './format';

/** History never changes, so a field's blame at a version is fetched once. */
const useBlame = (streamId: string, path: string, version: number) =>
  useQuery({
    queryKey: ['static', 'debugger', streamId, 'blame', path, version],
    queryFn: () => getJson<BlameResult>(`/api/streams/${encodeURIComponent(streamId)}/blame?path=${encodeURIComponent(path)}&version=${version}`),
    staleTime: Infinity,
  });

const IDS = { panel: 'blame-panel', title: 'blame-panel-title', summary: 'blame-summary', change: 'blame-change' };

/**
 * Which events made one field of the state what it is at this version, newest first, each a link
 * to its position. Money shows in the stream's currency, its minor units in the title, as the state panel shows it.
 */
export function BlamePanel({
  streamId,
  path,
  version,
  currency,
  goTo,
  onClose,
}: {
  streamId: string;
  path: string;
  version: number;
  currency: Currency | null;
  goTo: (version: number) => void;
  onClose: () => void;
}) {
  const blame = useBlame(streamId, path, version);
  return (
    <BlameView
      ids={IDS}
      path={path}
      at={` at v${formatCount(version)}`}
      pending="Replaying the stream…"
      blame={blame}
      currency={currency}
      jump={(change) => ({ label: `v${formatCount(change.version)}`, title: `Go to version ${change.version}`, onClick: () => goTo(change.version) })}
      onClose={onClose}
    />
  );
}
