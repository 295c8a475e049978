import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { TransferStatus } from '@/components/transfer/transfer-status';
import { isEntityId } from '@/lib/core/ids';

type Props = { params: Promise<{ transferId: string }> };

const wellFormed = isEntityId;

export const metadata: Metadata = { title: 'Transfer' };

/** A transfer followed live while the process manager moves the money; data loads in the browser. */
export default async function TransferPage({ params }: Props) {
  const { transferId } = await params;
  if (!wellFormed(transferId)) notFound();
  return <TransferStatus transferId={transferId} />;
}
