const number = new Intl.NumberFormat('en-GB');
/** Built once: toLocaleString with options builds a formatter per call, and the timeline formats a row's amount at every render. */
const majorUnits = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });

export const formatCount = (value: number): string => number.format(value);
/** Times in UTC: auditors compare them with logs and other systems. */
export const formatUtc = (iso: string): string => `${dateTime.format(new Date(iso))} UTC`;
/** Minor units as major, with sign; the stream's currency is in its state. */
export const formatMinor = (amount: number): string =>
  `${amount < 0 ? '−' : amount > 0 ? '+' : ''}${majorUnits.format(Math.abs(amount) / 100)}`;

export const shortId = (id: string | null | undefined): string => (id ? (id.length > 12 ? `${id.slice(0, 8)}…` : id) : '—');

export const TYPE_KIND: Record<string, 'open' | 'in' | 'out' | 'close' | 'other'> = {
  AccountOpened: 'open',
  MoneyDeposited: 'in',
  InterestApplied: 'in',
  MoneyWithdrawn: 'out',
  AccountClosed: 'close',
};
