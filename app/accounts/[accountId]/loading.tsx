import { AccountSkeleton } from '@/components/account/account-skeleton';

export default function Loading() {
  return <AccountSkeleton />;
}
