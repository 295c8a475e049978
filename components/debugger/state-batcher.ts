import DataLoader from 'dataloader';
import { getJson } from '@/lib/client/api-client';
import type { StateView } from '@/lib/debugger/types';

/** The server's limit per request (MAX_STATE_VERSIONS in lib/server/routes/debugger.ts). */
const MAX_BATCH = 32;

const base = (streamId: string) => `/api/streams/${encodeURIComponent(streamId)}`;

/**
 * A key press moves to a state fetched ahead, and each move fetches the positions one press
 * away from the new one. Fetched one request each, those prefetches (five or six a press)
 * queue behind each other and load the server while the key is held; DataLoader gathers the
 * loads asked for in one tick into one `/states?versions=` request. React Query keeps the
 * cache, so the loader keeps none.
 */
const loaders = new Map<string, DataLoader<number, StateView>>();

const loaderFor = (streamId: string): DataLoader<number, StateView> => {
  let loader = loaders.get(streamId);
  if (!loader) {
    loader = new DataLoader<number, StateView>(
      async (versions) => {
        const { states } = await getJson<{ states: StateView[] }>(`${base(streamId)}/states?versions=${versions.join(',')}`);
        const byVersion = new Map(states.map((view) => [view.version, view]));
        return versions.map((version) => byVersion.get(version) ?? new Error(`The server sent no state for version ${version}`));
      },
      { cache: false, maxBatchSize: MAX_BATCH },
    );
    // One loader per stream the page has shown; a long session of many streams keeps only the latest few.
    if (loaders.size >= 20) loaders.delete(loaders.keys().next().value!);
    loaders.set(streamId, loader);
  }
  return loader;
};

/** The state at a version, batched with the other states asked for in the same tick. */
export const loadStateAt = (streamId: string, version: number): Promise<StateView> => loaderFor(streamId).load(version);
