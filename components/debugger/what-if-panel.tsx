'use client';

import { memo, useState, type FormEvent } from 'react';
import type { ForkEdit } from '@/lib/debugger/fork-schemas';
import type { DebuggerEvent } from '@/lib/debugger/types';
import { ForkView } from './fork-view';
import { useForkEdits } from './use-fork';
import { useVocabulary } from './vocabulary';
import styles from './debugger.module.css';
import forkStyles from './what-if.module.css';

type Props = {
  streamId: string;
  version: number;
  head: number;
  /** The event at `version` (null at v0 or while it loads): what "edit its data" starts from. */
  event: DebuggerEvent | null;
  /** A breakpoint the debugger has run: the fork shows its hits too. */
  breakpoint: string;
  goTo: (version: number) => void;
};

type Form = { kind: 'edit'; text: string } | { kind: 'insert'; command: string; text: string } | null;

const parseObject = (text: string): Record<string, unknown> | string => {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : 'Give a JSON object: { … }';
  } catch (error) {
    return `Not JSON: ${(error as Error).message}`;
  }
};

/**
 * "What if…" on the event at the position: skip it, edit its data, or insert a command after it.
 * Each edit joins a sandbox fork of the stream, shown beside the original (ForkView); the fork
 * is in the URL and nothing of it is written.
 */
export const WhatIfPanel = memo(function WhatIfPanel({ streamId, version, head, event, breakpoint, goTo }: Props) {
  const { edits, unreadable, add, remove, clear } = useForkEdits();
  const commands = useVocabulary().commands ?? [];
  const [form, setForm] = useState<Form>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const atEvent = event !== null && event.streamVersion === version;

  const apply = (edit: ForkEdit) => {
    add(edit);
    setForm(null);
    setProblem(null);
  };
  const submit = (submitted: FormEvent) => {
    submitted.preventDefault();
    if (!form) return;
    const parsed = parseObject(form.text);
    if (typeof parsed === 'string') {
      setProblem(parsed);
      return;
    }
    if (form.kind === 'edit') apply({ kind: 'edit', version, data: parsed });
    else apply({ kind: 'insert', after: version, command: form.command, input: parsed });
  };
  const startInsert = (name: string) => {
    const example = commands.find((command) => command.name === name)?.example ?? {};
    setProblem(null);
    setForm({ kind: 'insert', command: name, text: JSON.stringify(example, null, 2) });
  };

  return (
    <section className={`${styles.panel} ${forkStyles.whatIf}`} aria-labelledby="what-if-title" data-testid="what-if">
      <h2 id="what-if-title">What if…</h2>
      <p className={styles.muted}>A sandbox copy of the stream: skip an event, change its data or insert a command, and see where the copy parts from history. Nothing is written.</p>
      <div className={forkStyles.actions} role="group" aria-label={`What if, at v${version}`}>
        <button type="button" disabled={!atEvent} onClick={() => apply({ kind: 'skip', version })}>
          Skip v{version}
        </button>
        <button
          type="button"
          disabled={!atEvent}
          aria-expanded={form?.kind === 'edit'}
          onClick={() => {
            setProblem(null);
            setForm(form?.kind === 'edit' ? null : { kind: 'edit', text: JSON.stringify(event?.data ?? {}, null, 2) });
          }}
        >
          Edit v{version}&apos;s data…
        </button>
        <button
          type="button"
          disabled={commands.length === 0}
          aria-expanded={form?.kind === 'insert'}
          title={commands.length === 0 ? 'No aggregate decides this stream' : undefined}
          onClick={() => (form?.kind === 'insert' ? setForm(null) : startInsert(commands.find((command) => command.name === 'withdraw')?.name ?? commands[0]!.name))}
        >
          Insert a command after v{version}…
        </button>
      </div>
      {form ? (
        <form onSubmit={submit} className={forkStyles.form} data-testid="what-if-form">
          {form.kind === 'insert' ? (
            <label>
              <span>Command</span>
              <select value={form.command} onChange={(changed) => startInsert(changed.target.value)}>
                {commands.map((command) => (
                  <option key={command.name} value={command.name}>
                    {command.type}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label>
            <span>{form.kind === 'edit' ? `v${version}'s data (${event?.type ?? 'event'}), JSON` : 'Input, JSON'}</span>
            <textarea
              className={`${styles.mono} ${forkStyles.json}`}
              value={form.text}
              rows={Math.min(12, form.text.split('\n').length + 1)}
              onChange={(changed) => setForm({ ...form, text: changed.target.value })}
              spellCheck={false}
            />
          </label>
          <div className={forkStyles.actions}>
            <button type="submit">{form.kind === 'edit' ? 'Fork with this data' : `Decide it after v${version}`}</button>
            <button type="button" onClick={() => setForm(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      {problem ? (
        <p role="alert" className={styles.error}>
          {problem}
        </p>
      ) : null}
      {unreadable ? (
        <p role="alert" className={styles.error}>
          The fork in this link could not be read (at most 20 edits, each naming a version); it is not shown.
        </p>
      ) : null}
      {edits.length > 0 ? <ForkView streamId={streamId} edits={edits} version={version} head={head} breakpoint={breakpoint} goTo={goTo} onRemove={remove} onDiscard={clear} /> : null}
    </section>
  );
});
