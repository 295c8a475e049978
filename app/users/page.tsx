import type { Metadata } from 'next';
import { ForbiddenNotice } from '@/components/auth/forbidden-notice';
import { RegisterCustomerForm } from '@/components/users/register-customer-form';
import { UsersTable } from '@/components/users/users-table';
import { authorize, commandAction } from '@/lib/auth/policy';
import { requirePrincipal } from '@/lib/server/auth/current-principal';
import { webRuntime } from '@/lib/server/web-runtime';
import styles from '@/components/users/users.module.css';

export const metadata: Metadata = { title: 'Users' };

/** Tellers register the customers who sign in, and see everyone who can. */
export default async function UsersPage() {
  const principal = await requirePrincipal('/users');
  const runtime = webRuntime();
  const decision = authorize(principal, commandAction(runtime.aggregates.named('user'), 'register'));
  if (!decision.allowed) return <ForbiddenNotice title="Users are managed by tellers" message={decision.reason} />;
  return (
    <div className={styles.page}>
      <header>
        <h1>Users</h1>
        <p className={styles.lede}>
          Each user is a stream of events: registered, passwords set, roles changed, disabled. Staff users are created with <code>chronicle users</code>.
        </p>
      </header>
      <div className={styles.columns}>
        <RegisterCustomerForm />
        <UsersTable users={await runtime.users.list()} />
      </div>
    </div>
  );
}
