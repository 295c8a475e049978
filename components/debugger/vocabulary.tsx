'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { DebuggerPreset } from '@/lib/core/aggregate';

/** The words of the stream's own aggregate (from the registry): its event types for the filter and its breakpoint presets. */
export type Vocabulary = { label: string; eventTypes: readonly string[]; presets: readonly DebuggerPreset[] };

/** A stream no registered aggregate owns: no presets to offer, any type may appear. */
export const NO_VOCABULARY: Vocabulary = { label: 'stream', eventTypes: [], presets: [] };

const VocabularyContext = createContext<Vocabulary>(NO_VOCABULARY);

export function VocabularyProvider({ vocabulary, children }: { vocabulary: Vocabulary; children: ReactNode }) {
  return <VocabularyContext.Provider value={vocabulary}>{children}</VocabularyContext.Provider>;
}

export const useVocabulary = (): Vocabulary => useContext(VocabularyContext);
