/**
 * A command id for a form: the server applies a command once per id, so a
 * double submit or a retry after a lost response cannot open two accounts.
 * `crypto.randomUUID` exists only in secure contexts (https, localhost); a demo
 * opened over a LAN address still gets 128 random bits.
 */
export const newCommandId = (): string => {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
};
