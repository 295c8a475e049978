'use client';

import { useEffect } from 'react';

export type ShortcutActions = {
  step: (delta: number) => void;
  first: () => void;
  last: () => void;
  togglePlay: () => void;
  nextHit: () => void;
  previousHit: () => void;
  focusSearch: () => void;
  toggleHelp: () => void;
  zoomIn: () => void;
  zoomOut: () => void;
  toggleFollow: () => void;
};

const PAGE = 100;

const typingInto = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) && !(target instanceof HTMLInputElement && target.type === 'range');

/** The keys listed in SHORTCUTS (shortcuts-help.tsx); ignored while typing into a field. */
export function useShortcuts(actions: ShortcutActions) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || typingInto(event.target)) return;
      // A modal (the shortcuts help) owns the keyboard until it closes.
      if (document.querySelector('dialog[open]')) return;
      const handled = (() => {
        switch (event.key) {
          case 'ArrowLeft':
            actions.step(event.shiftKey ? -10 : -1);
            return true;
          case 'ArrowRight':
            actions.step(event.shiftKey ? 10 : 1);
            return true;
          case 'PageUp':
            actions.step(-PAGE);
            return true;
          case 'PageDown':
            actions.step(PAGE);
            return true;
          case 'Home':
            actions.first();
            return true;
          case 'End':
            actions.last();
            return true;
          case ' ':
            actions.togglePlay();
            return true;
          case 'n':
          case 'N':
            actions.nextHit();
            return true;
          case 'p':
          case 'P':
            actions.previousHit();
            return true;
          case '/':
            actions.focusSearch();
            return true;
          case '?':
            actions.toggleHelp();
            return true;
          case 'z':
          case 'Z':
            if (event.shiftKey) actions.zoomOut();
            else actions.zoomIn();
            return true;
          case 'Escape':
            actions.zoomOut();
            return false;
          case 'f':
          case 'F':
            actions.toggleFollow();
            return true;
          default:
            return false;
        }
      })();
      if (handled) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);
}
