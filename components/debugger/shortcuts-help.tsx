'use client';

import { memo, useEffect, useRef } from 'react';
import extras from './debugger-extras.module.css';

export const SHORTCUTS: Array<[keys: string[], does: string]> = [
  [['←', '→'], 'one event back / forward'],
  [['Shift', '←/→'], 'ten events'],
  [['PageUp', 'PageDown'], 'a hundred events'],
  [['Home', 'End'], 'first / last event'],
  [['Space'], 'play / pause'],
  [['N', 'P'], 'next / previous breakpoint hit'],
  [['/'], 'search the event list'],
  [['Z'], 'zoom in around the position'],
  [['Shift', 'Z'], 'zoom out (also Esc, or double-click the strip)'],
  [['F'], 'follow the head as new events arrive'],
  [['?'], 'this help'],
];

/** Every key of the debugger, in a modal dialog (Esc or the button closes it). */
export const ShortcutsHelp = memo(function ShortcutsHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog ref={dialog} className={extras.help} onClose={onClose} aria-labelledby="shortcuts-title" data-testid="shortcuts-help">
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {SHORTCUTS.map(([keys, does]) => (
            <tr key={does}>
              <th scope="row">
                {keys.map((key, index) => (
                  <span key={key}>
                    {index > 0 ? ' ' : ''}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </th>
              <td>{does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
});
