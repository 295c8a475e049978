'use client';

import { useEffect, useState } from 'react';
import type { EventFilter } from '@/lib/debugger/types';
import { useDebuggerStore } from './debugger-store';
import { useVocabulary } from './vocabulary';
import styles from './debugger.module.css';
import extras from './debugger-extras.module.css';

const TYPING_PAUSE_MS = 300;
export const SEARCH_INPUT_ID = 'debugger-search';

/** Search text (payload, ids, metadata), event type and actor; the list shows only what matches all three. */
export function EventFilterBar({ status }: { status: string }) {
  const filter = useDebuggerStore((state) => state.filter);
  // The stream's own aggregate's types; a type from a shared link is kept even if the registry no longer lists it.
  const { eventTypes } = useVocabulary();
  const types = filter.type && !eventTypes.includes(filter.type) ? [...eventTypes, filter.type] : eventTypes;
  const setFilter = useDebuggerStore((state) => state.setFilter);
  const [text, setText] = useState(filter.text ?? '');
  const [actor, setActor] = useState(filter.actor ?? '');

  // Typing settles before the server is asked to scan the stream.
  useEffect(() => {
    const timer = setTimeout(() => {
      const next: EventFilter = { ...filter, text: text.trim() || undefined, actor: actor.trim() || undefined };
      if (next.text !== filter.text || next.actor !== filter.actor) setFilter(next);
    }, TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text, actor, filter, setFilter]);

  const active = Boolean(filter.text || filter.type || filter.actor || text || actor);
  return (
    <div className={extras.filterBar} role="search" aria-label="Filter events" data-testid="event-filter">
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') event.currentTarget.blur();
        }}
        placeholder="Search payload, ids…  ( / )"
        aria-label="Search events (payload, ids, metadata)"
        aria-keyshortcuts="/"
      />
      <select value={filter.type ?? ''} onChange={(event) => setFilter({ ...filter, type: event.target.value || undefined })} aria-label="Event type">
        <option value="">all types</option>
        {types.map((type) => (
          <option key={type} value={type}>
            {type}
          </option>
        ))}
      </select>
      <input value={actor} onChange={(event) => setActor(event.target.value)} placeholder="actor" aria-label="Actor" className={extras.actorInput} />
      {active ? (
        <button
          type="button"
          onClick={() => {
            setText('');
            setActor('');
            setFilter({});
          }}
        >
          Clear
        </button>
      ) : null}
      <span className={`${styles.muted} ${extras.matchCount}`} role="status" data-testid="match-count">
        {status}
      </span>
    </div>
  );
}
