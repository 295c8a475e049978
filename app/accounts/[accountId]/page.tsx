import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AccountView } from '@/components/account/account-view';
import { ForbiddenNotice } from '@/components/auth/forbidden-notice';
import { isEntityId } from '@/lib/core/ids';
import { authorizeAccountRead } from '@/lib/server/auth/authorize';
import { requirePrincipal } from '@/lib/server/auth/current-principal';
import { pageRefusal, requireStream } from '@/lib/server/auth/page-access';

type Props = { params: Promise<{ accountId: string }> };

const wellFormed = isEntityId;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { accountId } = await params;
  return { title: wellFormed(accountId) ? `Account ${accountId}` : 'Account not found' };
}

/** The id's shape and who may see it are checked here; the account itself loads in the browser, with read-your-writes. */
export default async function AccountPage({ params }: Props) {
  const { accountId } = await params;
  const principal = await requirePrincipal(`/accounts/${accountId}`);
  if (!wellFormed(accountId)) notFound();
  const refusal = await pageRefusal(() => authorizeAccountRead(principal, accountId));
  if (refusal) return <ForbiddenNotice title="This account is not yours" message={refusal} />;
  await requireStream(`account-${accountId}`);
  return <AccountView accountId={accountId} />;
}
