import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInPanel, type DemoUserCard } from '@/components/auth/sign-in-panel';
import { ROLE_LABELS } from '@/lib/auth/principal';
import { DEMO_PASSWORD, DEMO_USERS } from '@/lib/auth/demo-users';
import { demoMode } from '@/lib/server/auth/auth-mode';
import { currentPrincipal, safeReturnPath } from '@/lib/server/auth/current-principal';
import { findUser } from '@/lib/server/auth/user-lookup';

export const metadata: Metadata = { title: 'Sign in' };

type Props = { searchParams: Promise<{ next?: string | string[] }> };

const DESCRIPTIONS = {
  teller: 'Serves every customer: opens accounts, moves money, applies interest.',
  auditor: 'Reads every account and event; cannot change anything.',
  customer: 'Sees and manages their own accounts only.',
} as const;

export default async function SignInPage({ searchParams }: Props) {
  const next = safeReturnPath((await searchParams).next);
  if (await currentPrincipal()) redirect(next);
  const demo = demoMode();
  // The demo users the seed registered here (and still active): listing one that cannot sign in would only confuse.
  const seeded = demo ? await Promise.all(DEMO_USERS.map((user) => findUser(user.username))) : [];
  const users: DemoUserCard[] = seeded
    .filter((user) => user !== null && user.status === 'active')
    .map((user) => ({
      username: user!.username,
      name: user!.displayName,
      role: user!.role,
      roleLabel: ROLE_LABELS[user!.role],
      description: DESCRIPTIONS[user!.role],
    }));
  return <SignInPanel next={next} demoUsers={users} demoPassword={demo ? DEMO_PASSWORD : null} />;
}
