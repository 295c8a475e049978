/**
 * A legacy amount in decimal major units (12.5, "12.50") → integer minor
 * units, exactly. A JSON number the legacy system wrote as 12.34 reads back as
 * the nearest double, whose shortest round-trip decimal (what `String()` prints)
 * is again "12.34"; we work on those digits with BigInt and never on the
 * binary value, so 1.005 stays 1.005 (where Math.round(1.005 * 100) gives 100).
 *
 * Rounding rule: digits beyond the currency's exponent (a float artefact such
 * as 0.30000000000000004, or a sub-cent value) round half away from zero to the
 * nearest minor unit, on the decimal digits as written.
 */
export const legacyAmountToMinor = (amount: number | string, exponent: number): number => {
  const text = typeof amount === 'number' ? (Number.isFinite(amount) ? String(amount) : '') : amount.trim();
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text);
  const whole = match?.[2] ?? '';
  const fraction = match?.[3] ?? '';
  if (!match || whole + fraction === '') throw new RangeError(`Not a decimal amount: ${JSON.stringify(amount)}`);
  // The value is digits × 10^shift minor units.
  const digits = BigInt(whole + fraction);
  const shift = Number(match[4] ?? 0) - fraction.length + exponent;
  const tooLarge = () => new RangeError(`Amount ${text} is too large to hold exactly in minor units`);
  // Bounds first, so an absurd exponent ("1e999999") costs nothing: 16 digits already pass 2^53.
  if (digits === 0n || shift < -(whole + fraction).length) return 0;
  if (shift > 16) throw tooLarge();
  let minor: bigint;
  if (shift >= 0) {
    minor = digits * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    minor = digits / divisor + (2n * (digits % divisor) >= divisor ? 1n : 0n);
  }
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) throw tooLarge();
  return match[1] === '-' && minor !== 0n ? -Number(minor) : Number(minor);
};
