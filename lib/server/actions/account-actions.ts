'use server';

import { currentPrincipal } from '@/lib/server/auth/current-principal';
import { runAccountAction } from '@/lib/server/forms/account-action';
import type { AccountActionResult, AccountActionState } from '@/lib/server/forms/action-state';

/*
 * One server action per account command, for `useActionState(action, null)`.
 * Each is authorised for the signed-in principal, who is recorded as the actor.
 * Forms carry a hidden `commandId` (made when the form is rendered) so a double
 * submit is answered from the first result instead of being applied twice.
 */

export async function openAccount(_previous: AccountActionState, formData: FormData): Promise<AccountActionResult> {
  return runAccountAction('open', formData, await currentPrincipal());
}

export async function deposit(_previous: AccountActionState, formData: FormData): Promise<AccountActionResult> {
  return runAccountAction('deposit', formData, await currentPrincipal());
}

export async function withdraw(_previous: AccountActionState, formData: FormData): Promise<AccountActionResult> {
  return runAccountAction('withdraw', formData, await currentPrincipal());
}

export async function closeAccount(_previous: AccountActionState, formData: FormData): Promise<AccountActionResult> {
  return runAccountAction('close', formData, await currentPrincipal());
}

export async function applyInterest(_previous: AccountActionState, formData: FormData): Promise<AccountActionResult> {
  return runAccountAction('interest', formData, await currentPrincipal());
}
