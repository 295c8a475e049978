import { AccountNotFound } from '@/components/account/account-not-found';

export default function NotFound() {
  return <AccountNotFound />;
}
