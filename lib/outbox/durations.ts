const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/** `250ms`, `30s`, `5m`, `1h`, `7d` or a bare number of milliseconds; null for anything else. */
export const parseDuration = (text: string): number | null => {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min|h|d)?$/i.exec(text.trim());
  if (!match) return null;
  const value = Number(match[1]) * UNITS[(match[2] ?? 'ms').toLowerCase()]!;
  return Number.isFinite(value) && value > 0 ? Math.round(value) : null;
};

/** A duration setting from the environment: its default when unset, null when `off` (if allowed); throws on nonsense. */
export const durationSetting = (env: Record<string, string | undefined>, name: string, fallback: string, offAllowed = false): number | null => {
  const raw = env[name]?.trim() || fallback;
  if (offAllowed && raw.toLowerCase() === 'off') return null;
  const value = parseDuration(raw);
  if (value === null) throw new Error(`${name} must be a duration such as 30s, 5m, 1h or 7d${offAllowed ? ', or off' : ''}; got ${raw}`);
  return value;
};
