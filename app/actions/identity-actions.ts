'use server';

import { cookies } from 'next/headers';
import { DEMO_IDENTITIES } from '@/lib/server/demo-identities';
import { DEMO_ACTOR_COOKIE } from '@/lib/server/http/demo-actor';

/** Switches the demo identity; every later command records it as the actor. */
export async function chooseIdentity(formData: FormData): Promise<void> {
  const actor = String(formData.get('actor') ?? '');
  if (!DEMO_IDENTITIES.some((identity) => identity.actor === actor)) return;
  (await cookies()).set(DEMO_ACTOR_COOKIE, actor, { path: '/', sameSite: 'lax', httpOnly: false, maxAge: 60 * 60 * 24 * 30 });
}
