import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Decide } from './decision-replay';

export type CandidateDecider = { aggregate: string; decide: Decide; path: string };

/**
 * A decider under trial, loaded from a module: `export const decide = (command, state) => events`
 * (or `decider = { decide }`, or a default export of either), and optionally
 * `export const aggregate = 'account'` naming whose commands it decides (default: `fallback`).
 */
export const loadCandidateDecider = async (path: string, cwd: string, fallback: string): Promise<CandidateDecider> => {
  const absolute = isAbsolute(path) ? path : resolve(cwd, path);
  const loaded = (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  const candidates = [loaded, loaded.default, loaded.decider, (loaded.default as Record<string, unknown> | undefined)?.decider];
  for (const candidate of candidates) {
    if (typeof candidate === 'function') return { aggregate: typeof loaded.aggregate === 'string' ? loaded.aggregate : fallback, decide: candidate as Decide, path: absolute };
    const decide = (candidate as { decide?: unknown } | undefined)?.decide;
    if (typeof decide === 'function') return { aggregate: typeof loaded.aggregate === 'string' ? loaded.aggregate : fallback, decide: decide as Decide, path: absolute };
  }
  throw new Error(`${absolute} exports no decide function (export const decide = (command, state) => events)`);
};
