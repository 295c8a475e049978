'use client';

import { memo, useState } from 'react';
import { fetchTestCase } from './debugger-queries';
import styles from './debugger.module.css';

/** Downloads this position as a test case: the events given and the state they lead to. */
export const ExportButton = memo(function ExportButton({ streamId, version }: { streamId: string; version: number }) {
  const [problem, setProblem] = useState<string | null>(null);
  const download = async () => {
    setProblem(null);
    try {
      const testCase = await fetchTestCase(streamId, version);
      const url = URL.createObjectURL(new Blob([`${JSON.stringify(testCase, null, 2)}\n`], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `${streamId}-v${version}.test-case.json`;
      link.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : 'Export failed');
    }
  };
  return (
    <>
      <button type="button" onClick={() => void download()} disabled={version < 1} title="Given events, resulting state, as JSON">
        Export test case
      </button>
      {problem ? (
        <span role="alert" className={styles.error}>
          {problem}
        </span>
      ) : null}
    </>
  );
});
