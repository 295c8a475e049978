'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { DebuggerPreset } from '@/lib/core/aggregate';

/** A command a what-if fork may insert: its name in the aggregate, its type, and an input to start from. */
export type VocabularyCommand = { name: string; type: string; example: Record<string, unknown> | null };

/** The words of the stream's own aggregate (from the registry): its event types for the filter, its breakpoint presets and its commands. */
export type Vocabulary = { label: string; eventTypes: readonly string[]; presets: readonly DebuggerPreset[]; commands?: readonly VocabularyCommand[] };

/** A stream no registered aggregate owns: no presets to offer, any type may appear, no commands. */
export const NO_VOCABULARY: Vocabulary = { label: 'stream', eventTypes: [], presets: [], commands: [] };

const VocabularyContext = createContext<Vocabulary>(NO_VOCABULARY);

export function VocabularyProvider({ vocabulary, children }: { vocabulary: Vocabulary; children: ReactNode }) {
  return <VocabularyContext.Provider value={vocabulary}>{children}</VocabularyContext.Provider>;
}

export const useVocabulary = (): Vocabulary => useContext(VocabularyContext);
