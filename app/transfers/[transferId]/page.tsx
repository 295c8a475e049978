import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { TransferStatus } from '@/components/transfer/transfer-status';

type Props = { params: Promise<{ transferId: string }> };

const wellFormed = (transferId: string) => /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(transferId);

export const metadata: Metadata = { title: 'Transfer' };

/** A transfer followed live while the process manager moves the money; data loads in the browser. */
export default async function TransferPage({ params }: Props) {
  const { transferId } = await params;
  if (!wellFormed(transferId)) notFound();
  return <TransferStatus transferId={transferId} />;
}
