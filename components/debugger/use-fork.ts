'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { getJson } from '@/lib/client/api-client';
import { editsFromParam, forkParam, type ForkEdit, type ForkRequest, type ForkResult, type ForkTestCaseFile } from '@/lib/debugger/fork-schemas';
import { writeUrl } from './debugger-url';

/*
 * A what-if fork lives in the URL (`?fork=` holds its edits as JSON, checked with the API's own
 * schema), so it survives a reload and can be shared; the server folds it on each question and
 * keeps nothing.
 */

const FORK_PARAM = 'fork';
const forkPath = (streamId: string) => `/api/streams/${encodeURIComponent(streamId)}/fork`;
const post = <T>(path: string, body: ForkRequest) =>
  getJson<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** The fork's edits as the URL has them, and ways to change them (each change is a history entry: Back undoes it). */
export const useForkEdits = () => {
  const raw = useSearchParams().get(FORK_PARAM);
  const edits = useMemo(() => editsFromParam(raw) ?? [], [raw]);
  const setEdits = useCallback((next: readonly ForkEdit[]) => writeUrl({ [FORK_PARAM]: forkParam(next) }, 'push'), []);
  return {
    edits,
    /** A link with a fork the schema refuses (edited by hand, too long) opens no fork, and says so. */
    unreadable: raw !== null && raw !== '' && editsFromParam(raw) === null,
    add: (edit: ForkEdit) => setEdits([...edits.filter((other) => !(other.kind !== 'insert' && edit.kind !== 'insert' && other.version === edit.version)), edit]),
    remove: (index: number) => setEdits(edits.filter((_, at) => at !== index)),
    clear: () => setEdits([]),
  };
};

/** The fork folded beside the original at `at`; the last answer stays on screen while the next one comes. */
export const useFork = (streamId: string, edits: readonly ForkEdit[], at: number, breakpoint: string, head: number) =>
  useQuery({
    queryKey: ['debugger', streamId, 'fork', JSON.stringify(edits), at, breakpoint, head],
    queryFn: () => post<ForkResult>(forkPath(streamId), { edits: [...edits], at, ...(breakpoint ? { breakpoint } : {}) }),
    enabled: edits.length > 0,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    retry: false,
  });

/** The fork at `at` as a vitest file, downloaded. */
export const downloadForkTestCase = async (streamId: string, edits: readonly ForkEdit[], at: number): Promise<ForkTestCaseFile> => {
  const file = await post<ForkTestCaseFile>(`${forkPath(streamId)}/test-case`, { edits: [...edits], at });
  const url = URL.createObjectURL(new Blob([file.source], { type: 'text/typescript' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.click();
  URL.revokeObjectURL(url);
  return file;
};
