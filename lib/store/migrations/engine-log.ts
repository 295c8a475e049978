export type MigrationLog = (message: string) => void;

interface EngineLogLine {
  level?: string;
  fields?: { message?: unknown };
}

const SHOWN_LEVELS = new Set(['INFO', 'WARN', 'ERROR']);

/** The engine logs JSON lines; pass on the human-readable messages. */
export const engineLogger =
  (log: MigrationLog | undefined) =>
  (line: string): void => {
    if (!log) return;
    try {
      const parsed = JSON.parse(line) as EngineLogLine;
      const message = parsed.fields?.message;
      if (typeof message === 'string' && message && SHOWN_LEVELS.has(parsed.level ?? '')) log(message);
    } catch {
      log(line.trim());
    }
  };
