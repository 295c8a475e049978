import { CURRENCIES, formatMoney, type Currency } from '@/lib/domain/account/money';
import type { AccountSummaryView } from '@/lib/views/account-summary/types';

/* Display helpers for the account page. Times show in the viewer's zone; they only render on the client. */

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });
const timeOnly = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short' });
const count = new Intl.NumberFormat('en-GB');

export const formatDateTime = (iso: string | number): string => dateTime.format(new Date(iso));
export const formatDate = (iso: string | number): string => dateOnly.format(new Date(iso));
export const formatTime = (iso: string | number): string => timeOnly.format(new Date(iso));
export const formatCount = (value: number): string => count.format(value);

export const isCurrency = (code: string): code is Currency => Object.hasOwn(CURRENCIES, code);

/** Minor units as text in their currency ("€1,234.50"); an unknown code is shown as it is. */
export const moneyText = (amount: number, currency: string): string =>
  isCurrency(currency) ? formatMoney(amount, currency) : `${amount} ${currency}`;

/** Every event but the opening (and the closing) is a movement of money. */
export const movementCount = (account: AccountSummaryView): number =>
  Math.max(0, account.version - 1 - (account.status === 'closed' ? 1 : 0));

/** What can still leave the account: the balance plus the overdraft, never below zero. */
export const availableToWithdraw = (account: AccountSummaryView): number => Math.max(0, account.balance + account.overdraftLimit);

const ROLE_LABELS: Record<string, string> = {
  customer: 'Customer',
  teller: 'Teller',
  auditor: 'Auditor',
  system: 'System',
  import: 'Import',
  demo: 'Visitor',
};

const words = (slug: string) =>
  slug
    .split(/[-_.]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ');

/** `customer:ada-lovelace` → "Ada Lovelace", role "Customer"; the raw actor stays available as a tooltip. */
export const describeActor = (actor: string): { name: string; role: string | null } => {
  const colon = actor.indexOf(':');
  if (colon === -1) return { name: actor, role: null };
  const kind = actor.slice(0, colon);
  const rest = actor.slice(colon + 1);
  if (actor === 'demo:anonymous') return { name: 'Anonymous visitor', role: null };
  return { name: words(rest) || actor, role: ROLE_LABELS[kind] ?? words(kind) };
};

/** `YYYY-MM-DD` of a date in UTC: what a date input holds and the form parser reads as UTC midnight. */
export const utcDay = (date: Date): string => date.toISOString().slice(0, 10);

/** A rate in basis points as a percentage, without floats: 225 → "2.25". */
export const basisPointsAsPercent = (basisPoints: number): string => {
  const whole = Math.floor(basisPoints / 100);
  const fraction = String(basisPoints % 100).padStart(2, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
};
