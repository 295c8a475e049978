/* Display helpers for the overview. Dates are shown in the reader's own time zone; they only ever render in the browser. */

const DAY_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const DATE_TIME_FORMAT = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const RELATIVE = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** Enough of a UUID to tell accounts apart at a glance; the row links to the full one. */
export const shortAccountId = (accountId: string): string => accountId.slice(0, 8);

export const formatDate = (iso: string): string => DAY_FORMAT.format(new Date(iso));

export const formatDateTime = (iso: string): string => DATE_TIME_FORMAT.format(new Date(iso));

const STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "3 minutes ago", "yesterday", "2 weeks ago": relative to `now`, the moment the data was read. */
export const formatRelative = (iso: string, now: number): string => {
  let value = (new Date(iso).getTime() - now) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return RELATIVE.format(Math.round(value), unit);
    value /= size;
  }
  return formatDate(iso);
};
