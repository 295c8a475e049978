import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '../../core/errors';
import { assertSameOrigin } from './same-origin';

const post = (headers: Record<string, string>, url = 'http://bank.example/api/accounts') => new Request(url, { method: 'POST', headers });
const refused = (request: Request, cookie: boolean) => {
  try {
    assertSameOrigin(request, cookie);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(ForbiddenError);
    return (error as ForbiddenError).code;
  }
};

describe('assertSameOrigin', () => {
  it('lets same-origin browser requests through, by Origin or by Sec-Fetch-Site', () => {
    expect(refused(post({ origin: 'http://bank.example' }), true)).toBeNull();
    expect(refused(post({ 'sec-fetch-site': 'same-origin' }), true)).toBeNull();
    expect(refused(post({ origin: 'https://bank.example', 'x-forwarded-host': 'bank.example' }, 'http://10.0.0.5:3000/api/accounts'), true)).toBeNull();
  });

  it('refuses another site, a sibling subdomain and an opaque origin, whatever the credentials', () => {
    for (const cookie of [true, false]) {
      expect(refused(post({ origin: 'https://evil.example' }), cookie)).toBe('cross_site_request');
      expect(refused(post({ origin: 'http://shop.bank.example' }), cookie)).toBe('cross_site_request');
      expect(refused(post({ origin: 'null' }), cookie)).toBe('cross_site_request');
      expect(refused(post({ 'sec-fetch-site': 'cross-site' }), cookie)).toBe('cross_site_request');
      expect(refused(post({ 'sec-fetch-site': 'same-site', origin: 'http://bank.example' }), cookie)).toBe('cross_site_request');
    }
  });

  it('refuses a cookie-authenticated request that names no origin; a client without the cookie needs none', () => {
    expect(refused(post({}), true)).toBe('cross_site_request');
    expect(refused(post({}), false)).toBeNull();
  });

  it('never checks safe methods', () => {
    expect(refused(new Request('http://bank.example/api/accounts', { headers: { origin: 'https://evil.example' } }), true)).toBeNull();
  });
});
