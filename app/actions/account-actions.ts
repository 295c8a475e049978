'use server';

import { cookies, headers } from 'next/headers';
import { runAccountAction } from '@/lib/server/forms/account-action';
import type { AccountActionResult, AccountActionState } from '@/lib/server/forms/action-state';
import { DEMO_ACTOR_COOKIE, DEMO_ACTOR_HEADER, type ActorSources } from '@/lib/server/http/demo-actor';

/*
 * One server action per account command, for `useActionState(action, null)`.
 * Forms carry a hidden `commandId` (made when the form is rendered) so a double
 * submit is answered from the first result instead of being applied twice.
 */

const actor = async (): Promise<ActorSources> => ({
  header: (await headers()).get(DEMO_ACTOR_HEADER),
  cookie: (await cookies()).get(DEMO_ACTOR_COOKIE)?.value,
});

export async function openAccount(_previous: AccountActionState, formData: FormData): Promise<AccountActionResult> {
  return runAccountAction('open', formData, await actor());
}

export async function deposit(_previous: AccountActionState, formData: FormData): Promise<AccountActionResult> {
  return runAccountAction('deposit', formData, await actor());
}

export async function withdraw(_previous: AccountActionState, formData: FormData): Promise<AccountActionResult> {
  return runAccountAction('withdraw', formData, await actor());
}

export async function closeAccount(_previous: AccountActionState, formData: FormData): Promise<AccountActionResult> {
  return runAccountAction('close', formData, await actor());
}

export async function applyInterest(_previous: AccountActionState, formData: FormData): Promise<AccountActionResult> {
  return runAccountAction('interest', formData, await actor());
}
