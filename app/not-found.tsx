import Link from 'next/link';
import { headers } from 'next/headers';
import { AccountNotFound } from '@/components/account/account-not-found';
import { MISSING_HEADER } from '@/lib/server/missing-pages';

const WHAT: Record<string, { title: string; text: string }> = {
  stream: { title: 'Stream not found', text: 'No stream with this id has any events, so there is no history to travel through.' },
  transfer: { title: 'Transfer not found', text: 'There is no transfer at this address. Check the link, or find the transfer from its account.' },
};

/** Every 404 page; the proxy says which kind of page had nothing behind it (an account, a transfer, a stream). */
export default async function NotFound() {
  const missing = (await headers()).get(MISSING_HEADER);
  if (missing === 'account') return <AccountNotFound />;
  const what = missing ? WHAT[missing] : undefined;
  return (
    <div className="status" data-testid="not-found">
      <h1>{what?.title ?? 'Page not found'}</h1>
      <p className="muted">{what?.text ?? 'There is nothing at this address.'}</p>
      <Link className="button" href="/">
        Back to Chronicle
      </Link>
    </div>
  );
}
