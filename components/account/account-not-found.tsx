import Link from 'next/link';

/** Shared by the route's not-found.tsx (a malformed id) and the page (an id the bank does not know). */
export function AccountNotFound({ accountId }: { accountId?: string }) {
  return (
    <div className="status" data-testid="account-not-found">
      <h1>Account not found</h1>
      <p className="muted">
        {accountId ? (
          <>
            There is no account <code>{accountId}</code>. It may have been mistyped, or the link may belong to another bank’s data.
          </>
        ) : (
          'There is no account at this address. Check the link, or find the account on the overview.'
        )}
      </p>
      <Link className="button primary" href="/">
        Back to the overview
      </Link>
    </div>
  );
}
