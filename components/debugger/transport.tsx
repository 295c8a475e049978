'use client';

import { useState, type FormEvent } from 'react';
import { fetchVersionAt } from './debugger-queries';
import { SPEEDS, useDebuggerStore, type Speed, type Zoom } from './debugger-store';
import { formatCount } from './format';
import styles from './debugger.module.css';

/**
 * First, back 10, back, play, forward, forward 10, last; speed; the slider; a field taking a version or a time.
 * Steps and the slider replace the history entry; First, Last and Go are jumps and push one.
 */
export function Transport({ streamId, version, head, zoom, goTo }: { streamId: string; version: number; head: number; zoom: Zoom | null; goTo: (version: number, mode?: 'push' | 'replace') => void }) {
  // Zoomed, the slider spans the window: finer scrubbing through a long stream.
  const low = zoom ? Math.max(0, zoom.from - 1) : 0;
  const high = zoom ? Math.min(head, zoom.to) : head;
  const playing = useDebuggerStore((state) => state.playing);
  const setPlaying = useDebuggerStore((state) => state.setPlaying);
  const speed = useDebuggerStore((state) => state.speed);
  const setSpeed = useDebuggerStore((state) => state.setSpeed);
  const [target, setTarget] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const jump = async (event: FormEvent) => {
    event.preventDefault();
    const text = target.trim();
    setProblem(null);
    if (/^\d+$/.test(text)) return goTo(Number(text));
    if (!text) return;
    try {
      goTo(await fetchVersionAt(streamId, text.replace(' ', 'T')));
      setTarget('');
    } catch (error) {
      setProblem(error instanceof Error ? error.message : 'That time could not be read');
    }
  };

  return (
    <div className={styles.transport} data-testid="transport">
      <div className={styles.buttons} role="group" aria-label="Move through history">
        <button type="button" onClick={() => goTo(0)} title="First (Home)" aria-label="First">|‹</button>
        <button type="button" onClick={() => goTo(version - 10, 'replace')} title="Back 10 (Shift+←)" aria-label="Back 10">«</button>
        <button type="button" onClick={() => goTo(version - 1, 'replace')} title="Back (←)" aria-label="Back">‹</button>
        <button type="button" onClick={() => setPlaying(!playing)} title="Play / pause (Space)" aria-label={playing ? 'Pause' : 'Play'} className={styles.play}>
          {playing ? '❚❚' : '▶'}
        </button>
        <button type="button" onClick={() => goTo(version + 1, 'replace')} title="Forward (→)" aria-label="Forward">›</button>
        <button type="button" onClick={() => goTo(version + 10, 'replace')} title="Forward 10 (Shift+→)" aria-label="Forward 10">»</button>
        <button type="button" onClick={() => goTo(head)} title="Last (End)" aria-label="Last">›|</button>
        <label className={styles.speed}>
          <span className={styles.visuallyHidden}>Speed</span>
          <select value={speed} onChange={(event) => setSpeed(Number(event.target.value) as Speed)} aria-label="Playback speed">
            {SPEEDS.map((value) => (
              <option key={value} value={value}>
                {value} ev/s
              </option>
            ))}
          </select>
        </label>
      </div>
      <input
        className={styles.slider}
        type="range"
        min={low}
        max={high}
        value={version}
        aria-label="Position"
        aria-valuetext={`version ${version} of ${head}`}
        onChange={(event) => goTo(Number(event.target.value), 'replace')}
      />
      <form onSubmit={jump} className={styles.position}>
        <label>
          <span data-testid="position-label">
            v {formatCount(version)} of {formatCount(head)}
          </span>
          <input value={target} onChange={(event) => setTarget(event.target.value)} placeholder="version or 2026-03-01 10:00" aria-label="Go to version or time (UTC)" />
        </label>
        <button type="submit">Go</button>
        {problem ? (
          <span role="alert" className={styles.error}>
            {problem}
          </span>
        ) : null}
      </form>
    </div>
  );
}
