/*
 * The event search's text: any part of the type, payload or metadata, any case. Amounts are
 * stored in minor units (137214) but shown formatted (1,372.14, +1,372.14, €1,372.14): text typed
 * the way the list shows an amount also finds that amount as stored.
 */

/** Minor units for an amount typed with two decimals (separators, sign and currency symbol allowed); null for other text. */
export const minorUnitsOf = (text: string): string | null => {
  const match = /^[+\-−]?\s*[€$£¥]?\s*(\d{1,3}(?:,\d{3})+|\d+)\.(\d{2})$/.exec(text.trim());
  if (!match) return null;
  return String(Number(`${match[1]!.replaceAll(',', '')}${match[2]}`));
};

/** A predicate over an event's searchable text (already lower-cased JSON). */
export const textMatcher = (text: string): ((haystack: string) => boolean) => {
  const needle = text.toLowerCase();
  const minor = minorUnitsOf(text);
  // The stored amount as a whole number in the JSON, not a run of digits inside a longer one.
  const amount = minor === null ? null : new RegExp(`(?<![\\d.])${minor}(?![\\d.])`);
  return (haystack) => haystack.includes(needle) || (amount !== null && amount.test(haystack));
};
