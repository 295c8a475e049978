import Link from 'next/link';
import { ROLE_LABELS } from '@/lib/auth/principal';
import { currentPrincipal } from '@/lib/server/auth/current-principal';

/** The header's "who am I": name and role with a sign-out button, or a sign-in link. */
export async function SessionBadge() {
  const principal = await currentPrincipal();
  if (!principal) {
    return (
      <Link href="/sign-in" className="button secondary session__sign-in">
        Sign in
      </Link>
    );
  }
  return (
    <div className="session" data-testid="session-badge">
      <span className="session__who">
        <span className="session__name">{principal.name}</span>
        <span className={`session__role session__role--${principal.role}`}>{ROLE_LABELS[principal.role]}</span>
      </span>
      {/* A plain form: signing out is a full navigation, which stops the page's live updates and queries at once. */}
      <form method="post" action="/sign-out">
        <button type="submit" className="button session__sign-out">
          Sign out
        </button>
        {/* Ends every session of this user, on every device: a lost phone, a shared computer. */}
        <button type="submit" name="everywhere" value="on" className="button secondary session__sign-out">
          Sign out everywhere
        </button>
      </form>
    </div>
  );
}
