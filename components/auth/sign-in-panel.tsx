'use client';

import { useActionState, useId } from 'react';
import { signIn } from '@/lib/server/actions/session-actions';
import type { Role } from '@/lib/auth/principal';
import { Field } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import styles from './sign-in.module.css';

export type DemoUserCard = { username: string; name: string; role: Role; roleLabel: string; description: string };

/**
 * The sign-in form, and in demo mode the demo users, each a one-click sign-in
 * through the same server action (their password is posted like anyone's).
 */
export function SignInPanel({ next, demoUsers, demoPassword }: { next: string; demoUsers: DemoUserCard[]; demoPassword: string | null }) {
  const [state, action] = useActionState(signIn, null);
  const ids = useId();
  const staff = demoUsers.filter((user) => user.role !== 'customer');
  const customers = demoUsers.filter((user) => user.role === 'customer');

  return (
    <div className={styles.page}>
      <section className={`card ${styles.formCard}`} aria-labelledby={`${ids}-title`}>
        <h1 id={`${ids}-title`} className={styles.title}>
          Sign in to Chronicle
        </h1>
        {state?.error ? (
          <p className={styles.error} role="alert" data-testid="sign-in-error">
            {state.error}
          </p>
        ) : null}
        <form action={action} noValidate>
          <input type="hidden" name="next" value={next} />
          <Field id={`${ids}-username`} label="Username">
            <input id={`${ids}-username`} name="username" autoComplete="username" required defaultValue={state?.username ?? ''} />
          </Field>
          <Field id={`${ids}-password`} label="Password">
            <input id={`${ids}-password`} name="password" type="password" autoComplete="current-password" required />
          </Field>
          <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
        </form>
      </section>

      {demoPassword !== null && demoUsers.length > 0 ? (
        <section className={`card ${styles.demoCard}`} aria-labelledby={`${ids}-demo`} data-testid="demo-users">
          <h2 id={`${ids}-demo`}>Demo users</h2>
          <p className="muted">
            This is a demo bank: every user below has the password <code className={styles.password}>{demoPassword}</code>. Pick one to see
            the bank through their eyes.
          </p>
          <UserGroup title="Staff" users={staff} action={action} next={next} password={demoPassword} />
          <UserGroup title="Customers" users={customers} action={action} next={next} password={demoPassword} />
        </section>
      ) : null}
    </div>
  );
}

function UserGroup({
  title,
  users,
  action,
  next,
  password,
}: {
  title: string;
  users: DemoUserCard[];
  action: (formData: FormData) => void;
  next: string;
  password: string;
}) {
  return (
    <>
      <h3 className={styles.groupTitle}>{title}</h3>
      <ul className={styles.users}>
        {users.map((user) => (
          <li key={user.username}>
            <form action={action} className={styles.user}>
              <input type="hidden" name="username" value={user.username} />
              <input type="hidden" name="password" value={password} />
              <input type="hidden" name="next" value={next} />
              <span className={styles.userText}>
                <span className={styles.userName}>
                  {user.name} <span className={`${styles.role} ${styles[user.role]}`}>{user.roleLabel}</span>
                </span>
                <span className={styles.userMeta}>
                  <code>{user.username}</code> · {user.description}
                </span>
              </span>
              <SubmitButton pendingLabel="Signing in…" variant="secondary">
                <span aria-hidden="true">Sign in</span>
                <span className="visually-hidden">Sign in as {user.name}</span>
              </SubmitButton>
            </form>
          </li>
        ))}
      </ul>
    </>
  );
}
