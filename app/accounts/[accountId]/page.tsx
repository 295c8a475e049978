import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AccountView } from '@/components/account/account-view';
import { accountIdSchema } from '@/lib/server/account-commands';

type Props = { params: Promise<{ accountId: string }> };

const wellFormed = (accountId: string) => accountIdSchema.safeParse(accountId).success;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { accountId } = await params;
  return { title: wellFormed(accountId) ? `Account ${accountId}` : 'Account not found' };
}

/** Only the id's shape is checked here; the account itself loads in the browser, with read-your-writes. */
export default async function AccountPage({ params }: Props) {
  const { accountId } = await params;
  if (!wellFormed(accountId)) notFound();
  return <AccountView accountId={accountId} />;
}
