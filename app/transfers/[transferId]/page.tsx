import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { TransferStatus } from '@/components/transfer/transfer-status';
import { isEntityId } from '@/lib/core/ids';
import { requirePrincipal } from '@/lib/server/auth/current-principal';
import { requireStream } from '@/lib/server/auth/page-access';

type Props = { params: Promise<{ transferId: string }> };

const wellFormed = isEntityId;

export const metadata: Metadata = { title: 'Transfer' };

/** A transfer followed live while the process manager moves the money; data loads in the browser. */
export default async function TransferPage({ params }: Props) {
  const { transferId } = await params;
  await requirePrincipal(`/transfers/${transferId}`);
  if (!wellFormed(transferId)) notFound();
  // Who may see it (either account's holder, or staff) is the status API's answer; an unknown id is a 404 here.
  await requireStream(`transfer-${transferId}`);
  return <TransferStatus transferId={transferId} />;
}
