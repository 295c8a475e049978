import Link from 'next/link';
import { authorize, commandAction, type Action } from '@/lib/auth/policy';
import { userAggregate } from '@/lib/domain/user/aggregate';
import { currentPrincipal } from '@/lib/server/auth/current-principal';
import { SessionBadge } from '../auth/session-badge';
import '../auth/session-badge.css';
import { ConnectionIndicator } from '../live/connection-indicator';

/** The pages of the header, each shown only to who may use it (the same policy the pages and the API apply). */
const PAGES: ReadonlyArray<{ href: string; label: string; action?: Action }> = [
  { href: '/', label: 'Overview' },
  { href: '/streams', label: 'Streams', action: 'streams.list' },
  { href: '/audit', label: 'Audit', action: 'audit.read' },
  { href: '/operations', label: 'Operations', action: 'operations.read' },
  { href: '/users', label: 'Users', action: commandAction(userAggregate, 'register') },
  { href: '/developers', label: 'API' },
];

export async function SiteHeader() {
  const viewer = await currentPrincipal();
  const pages = viewer ? PAGES.filter((page) => !page.action || authorize(viewer, page.action).allowed) : [];
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" className="site-header__brand">
          <span className="site-header__logo" aria-hidden="true">
            C
          </span>
          Chronicle
        </Link>
        <nav className="site-header__nav" aria-label="Main">
          {pages.map((page) => (
            <Link key={page.href} href={page.href}>
              {page.label}
            </Link>
          ))}
        </nav>
        <div className="site-header__tools">
          <ConnectionIndicator />
          <SessionBadge />
        </div>
      </div>
    </header>
  );
}
