import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from './security-headers';

const page = { nonce: 'bm9uY2U=', https: false, development: false, page: true };

describe('security headers', () => {
  it('lets only nonced scripts (and what they load) run on a page, and nobody frame it', () => {
    const policy = contentSecurityPolicy(page);
    expect(policy).toContain("script-src 'self' 'nonce-bm9uY2U=' 'strict-dynamic'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(securityHeaders(page)['X-Frame-Options']).toBe('DENY');
  });

  it('tells browsers to stay on https only when served over https', () => {
    expect(securityHeaders(page)['Strict-Transport-Security']).toBeUndefined();
    expect(securityHeaders({ ...page, https: true })['Strict-Transport-Security']).toMatch(/max-age=\d{7,}/);
    expect(contentSecurityPolicy({ ...page, https: true })).toContain('upgrade-insecure-requests');
  });

  it('gives API answers a policy that allows nothing to load', () => {
    expect(contentSecurityPolicy({ ...page, page: false })).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});
