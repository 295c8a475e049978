import type { TargetReport } from './workload';

export type Goal = { goal: string; status: 'PASS' | 'MISS' | 'N/A'; detail: string };

const rate = (n: number) => Math.round(n).toLocaleString('en');

/** The Emmett figure our projections are compared with (its account-summary rebuild on PostgreSQL). */
export const emmettRate = (reports: TargetReport[]): number | null => reports.find((r) => r.target === 'emmett')?.rebuilds[0]?.eventsPerSec ?? null;

export const formatTable = (reports: TargetReport[]): string => {
  const emmett = emmettRate(reports);
  const lines = [
    '| database | projection | events | ours ev/s | Emmett 0.42 ev/s (pongo, PostgreSQL) | × Emmett |',
    '|---|---|---:|---:|---:|---:|',
  ];
  for (const report of reports.filter((r) => r.target === 'chronicle')) {
    const db = report.backend === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    for (const rebuild of report.rebuilds) {
      lines.push(`| ${db} | ${rebuild.projection} | ${rate(rebuild.events)} | ${rate(rebuild.eventsPerSec)} | ${emmett ? rate(emmett) : 'n/a'} | ${emmett ? `${(rebuild.eventsPerSec / emmett).toFixed(1)}×` : 'n/a'} |`);
    }
    if (report.together) {
      lines.push(`| ${db} | all ${report.together.projections} at once (folds/s) | ${rate(report.together.events)} | ${rate(report.together.eventsPerSec)} | | |`);
    }
  }
  const details = reports.map((r) => {
    const db = r.backend === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    const catchUp = r.catchUp ? `; catch-up after the rebuild: ${r.catchUp.events} events appended during it, live at the head in ${Math.round(r.catchUp.ms)} ms` : '';
    const partial = r.rebuilds.some((x) => x.partial) ? ' (rebuild stopped at its time budget)' : '';
    return `- ${r.target} on ${db}: ${rate(r.events)} events seeded at ${rate(r.events / (r.seedMs / 1000))} ev/s; peak RSS ${r.peakRssMb} MB${catchUp}${partial}`;
  });
  return [...lines, '', ...details].join('\n');
};

export const evaluateGoals = (reports: TargetReport[]): Goal[] => {
  const emmett = emmettRate(reports);
  const goals: Goal[] = [];
  for (const report of reports.filter((r) => r.target === 'chronicle')) {
    const db = report.backend === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    for (const rebuild of report.rebuilds) {
      goals.push({
        goal: `${db} ${rebuild.projection} ≥ 20,000 ev/s`,
        status: rebuild.eventsPerSec >= 20_000 ? 'PASS' : 'MISS',
        detail: `${rate(rebuild.eventsPerSec)} ev/s`,
      });
      goals.push({
        goal: `${db} ${rebuild.projection} ≥ 10× Emmett`,
        status: emmett === null ? 'N/A' : rebuild.eventsPerSec >= 10 * emmett ? 'PASS' : 'MISS',
        detail: emmett === null ? 'Emmett not run' : `${(rebuild.eventsPerSec / emmett).toFixed(1)}× (${rate(emmett)} ev/s)`,
      });
    }
  }
  return goals;
};

export const formatGoals = (goals: Goal[]): string => goals.map((g) => `${g.status.padEnd(4)} ${g.goal}: ${g.detail}`).join('\n');

/** A small bar chart (SVG) of rebuild rate per projection and database, Emmett's beside them. */
export const chartSvg = (reports: TargetReport[]): string => {
  const bars: Array<{ label: string; value: number; ours: boolean }> = [];
  for (const report of reports.filter((r) => r.target === 'chronicle')) {
    for (const rebuild of report.rebuilds) bars.push({ label: `${rebuild.projection} (${report.backend === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`, value: rebuild.eventsPerSec, ours: true });
  }
  const emmett = emmettRate(reports);
  if (emmett !== null) bars.push({ label: 'Emmett 0.42 pongo (PostgreSQL)', value: emmett, ours: false });
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowHeight = 26;
  const labelWidth = 260;
  const barWidth = 420;
  const height = bars.length * rowHeight + 40;
  const rows = bars.map((bar, i) => {
    const y = 30 + i * rowHeight;
    const width = Math.max(1, (bar.value / max) * barWidth);
    return [
      `<text x="${labelWidth - 8}" y="${y + 16}" text-anchor="end">${bar.label}</text>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${width.toFixed(1)}" height="${rowHeight - 8}" fill="${bar.ours ? '#2f6fdb' : '#d9822b'}"/>`,
      `<text x="${labelWidth + width + 6}" y="${y + 16}">${rate(bar.value)} ev/s</text>`,
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${labelWidth + barWidth + 120}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<text x="8" y="18" font-weight="bold">Projection rebuild rate (events/s, higher is better)</text>`,
    ...rows,
    '</svg>',
    '',
  ].join('\n');
};
