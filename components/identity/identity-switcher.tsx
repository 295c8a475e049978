'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { chooseIdentity } from '@/app/actions/identity-actions';
import type { DemoIdentity } from '@/lib/server/demo-identities';

/** "Acting as": picks the demo identity recorded as the actor of every command. */
export function IdentitySwitcher({ identities, current }: { identities: readonly DemoIdentity[]; current: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <label className="identity">
      <span className="identity__label">Acting as</span>
      <select
        name="actor"
        value={current}
        disabled={pending}
        data-testid="identity-switcher"
        onChange={(event) => {
          const form = new FormData();
          form.set('actor', event.target.value);
          startTransition(async () => {
            await chooseIdentity(form);
            router.refresh();
          });
        }}
      >
        {identities.map((identity) => (
          <option key={identity.actor} value={identity.actor}>
            {identity.name}
          </option>
        ))}
      </select>
    </label>
  );
}
