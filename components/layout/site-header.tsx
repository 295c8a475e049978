import Link from 'next/link';
import { cookies } from 'next/headers';
import { DEMO_IDENTITIES } from '@/lib/server/demo-identities';
import { DEFAULT_DEMO_ACTOR, DEMO_ACTOR_COOKIE } from '@/lib/server/http/demo-actor';
import { IdentitySwitcher } from '../identity/identity-switcher';
import { ConnectionIndicator } from '../live/connection-indicator';

export async function SiteHeader() {
  const current = (await cookies()).get(DEMO_ACTOR_COOKIE)?.value ?? DEFAULT_DEMO_ACTOR;
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
          <IdentitySwitcher identities={DEMO_IDENTITIES} current={current} />
        </div>
      </div>
    </header>
  );
}
