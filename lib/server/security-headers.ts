/*
 * The headers every answer carries. Pages get a Content-Security-Policy with a fresh nonce: Next
 * puts it on its own scripts (it reads the policy from the request), and no other inline or foreign
 * script runs. Styles may be inline (React's style attributes, the charts); scripts may not. Nobody
 * may frame Chronicle. Over https the browser is told to stay on https.
 */

export type SecurityContext = { nonce: string; https: boolean; development: boolean; page: boolean };

export const contentSecurityPolicy = ({ nonce, https, development, page }: SecurityContext): string => {
  if (!page) return "default-src 'none'; frame-ancestors 'none'";
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts Next loads from its nonced ones run; nothing else does. Development adds eval for fast refresh.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
};

export const securityHeaders = (context: SecurityContext): Record<string, string> => ({
  'Content-Security-Policy': contentSecurityPolicy(context),
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  ...(context.https ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
});
