import { isIP } from 'node:net';

/**
 * The client's address, which keys the sign-in limits. The peer of the connection is what
 * scripts/serve.mjs records (a client cannot set it); X-Forwarded-For is believed only as far as
 * it was written by proxies listed in CHRONICLE_TRUSTED_PROXIES (comma-separated addresses;
 * default none). Behind trusted proxies the client is the nearest address that is not one of them.
 */
export const PEER_HEADER = 'x-chronicle-peer';

export const trustedProxies = (env: Record<string, string | undefined> = process.env): ReadonlySet<string> =>
  new Set(
    (env.CHRONICLE_TRUSTED_PROXIES ?? '')
      .split(',')
      .map((entry) => normalise(entry.trim()))
      .filter((entry) => entry !== ''),
  );

/** `::ffff:127.0.0.1` is 127.0.0.1: one address, one counter. */
const normalise = (address: string): string => (address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address);

export const clientAddress = (headers: Headers, trusted: ReadonlySet<string> = trustedProxies()): string => {
  const peer = normalise(headers.get(PEER_HEADER)?.trim() ?? '');
  // Not served by scripts/serve.mjs (`next dev`): no address can be trusted, so none is claimed.
  if (!peer) return 'unknown';
  if (!trusted.has(peer)) return peer;
  const forwarded = (headers.get('x-forwarded-for') ?? '').split(',').map((entry) => normalise(entry.trim()));
  for (let i = forwarded.length - 1; i >= 0; i--) {
    const hop = forwarded[i]!;
    if (isIP(hop) === 0) return peer; // a proxy we trust wrote nonsense: fall back to what we saw
    if (!trusted.has(hop)) return hop;
  }
  return peer;
};
