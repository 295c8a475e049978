/**
 * Native drivers stay outside the server bundle: Node loads them at run time.
 * Nothing here reaches the network or the database, so `next build` works offline
 * and without a migrated DB.
 * @type {import('next').NextConfig}
 */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  typedRoutes: false,
  // The audit key where verifiers look for it first; one definition serves both paths.
  async rewrites() {
    return [{ source: '/.well-known/chronicle-audit-key', destination: '/api/audit/public-key' }];
  },
  // The offline verifier's own Content-Security-Policy is in the file; these close the rest.
  async headers() {
    return [
      {
        source: '/verify-pack.html',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'no-referrer' },
        ],
      },
    ];
  },
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3', 'pg', '@prisma/adapter-pg'],
  experimental: {
    // Forms post a handful of fields; the JSON API caps bodies at 16 KiB in the same spirit.
    serverActions: { bodySizeLimit: '64kb' },
  },
};

export default nextConfig;
