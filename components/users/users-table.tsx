import type { User } from '@/lib/auth/user-directory';
import { ROLE_LABELS } from '@/lib/auth/principal';
import { ERASED } from '@/lib/core/personal-data/sealed-field';
import { EraseCustomer } from './erase-customer';
import styles from './users.module.css';

/** Everyone who can sign in (or could, before being disabled), as their streams say; a customer's personal data can be erased here (tellers only see this page). */
export function UsersTable({ users }: { users: readonly User[] }) {
  return (
    <section className="card" aria-labelledby="users-title">
      <h2 id="users-title">Users ({users.length})</h2>
      <table className={styles.table} data-testid="users-table">
        <thead>
          <tr>
            <th scope="col">Username</th>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Customer</th>
            <th scope="col">Standing</th>
            <th scope="col">Personal data</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.username}>
              <td>{user.username}</td>
              <td>{user.displayName}</td>
              <td>{ROLE_LABELS[user.role]}</td>
              <td>{user.customerId ?? '—'}</td>
              <td>{user.status === 'active' ? 'Active' : 'Disabled'}</td>
              <td>{user.customerId === null ? '—' : user.displayName === ERASED ? 'Erased' : <EraseCustomer customerId={user.customerId} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
