import Link from 'next/link';
import { SessionBadge } from '../auth/session-badge';
import '../auth/session-badge.css';
import { ConnectionIndicator } from '../live/connection-indicator';

export async function SiteHeader() {
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
          <Link href="/">Overview</Link>
          <Link href="/audit">Audit</Link>
          <Link href="/operations">Operations</Link>
          <Link href="/developers">API</Link>
        </nav>
        <div className="site-header__tools">
          <ConnectionIndicator />
          <SessionBadge />
        </div>
      </div>
    </header>
  );
}
