import { CURRENCIES, type Currency } from './money';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * "12.34" → 1234 when `exponent` is 2, by string and BigInt arithmetic: a binary
 * float cannot hold most decimal fractions (0.1 + 0.2), so money never passes
 * through one. Trailing zeros beyond the exponent lose nothing and are accepted
 * ("12.340"); any other extra digit is refused rather than rounded. A leading
 * minus is kept so that the command's schema, not this parser, says what is
 * wrong with a negative value.
 */
export const parseDecimalToMinor = (text: string, exponent: number): Parsed<number> => {
  const trimmed = text.trim();
  // Nothing the bank holds needs more characters; a longer text is refused before any work that grows with it.
  if (trimmed.length > MAX_AMOUNT_TEXT) return { ok: false, message: 'The number is too large' };
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(trimmed);
  const whole = match?.[2] ?? '';
  const fraction = withoutTrailingZeros(match?.[3] ?? '');
  if (!match || (whole === '' && (match[3] ?? '') === '')) return { ok: false, message: 'Enter a number such as 12.34' };
  if (fraction.length > exponent) {
    return { ok: false, message: exponent === 0 ? 'No decimal places are allowed here' : `At most ${exponent} decimal places are allowed` };
  }
  const minor = BigInt(whole || '0') * 10n ** BigInt(exponent) + BigInt(fraction.padEnd(exponent, '0') || '0');
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, message: 'The number is too large' };
  return { ok: true, value: match[1] === '-' && minor !== 0n ? -Number(minor) : Number(minor) };
};

/** Sign, 16 whole digits, a point and a few trailing zeros: more than any amount the bank holds. */
const MAX_AMOUNT_TEXT = 40;

/** A single backwards scan: a `/0+$/` regex is tried from every zero, quadratic on long runs of them. */
const withoutTrailingZeros = (digits: string): string => {
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 48) end--;
  return digits.slice(0, end);
};

/** Major units of `currency` ("12.34" EUR) → integer minor units (1234). */
export const parseMoney = (text: string, currency: Currency): Parsed<number> => {
  const exponent = CURRENCIES[currency];
  const parsed = parseDecimalToMinor(text, exponent);
  if (parsed.ok || !/decimal places/.test(parsed.message)) return parsed;
  return {
    ok: false,
    message: exponent === 0 ? `${currency} amounts have no decimal places` : `${currency} amounts have at most ${exponent} decimal places`,
  };
};

/** A non-negative whole number written in digits only ("3", not "3.0" or "3e0"). */
export const parseWholeNumber = (text: string): Parsed<number> => {
  const value = text.trim();
  if (!/^\d{1,15}$/.test(value)) return { ok: false, message: 'Enter a whole number' };
  return { ok: true, value: Number(value) };
};
