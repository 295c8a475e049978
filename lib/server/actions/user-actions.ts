'use server';

import { revalidatePath } from 'next/cache';
import { currentPrincipal } from '@/lib/server/auth/current-principal';
import { runRegisterCustomer, type UserActionState } from '@/lib/server/forms/user-forms';

/** Registers a customer as the signed-in teller; for `useActionState(registerCustomer, null)`. */
export async function registerCustomer(_previous: UserActionState, formData: FormData): Promise<UserActionState> {
  const result = await runRegisterCustomer(formData, await currentPrincipal());
  if (result.ok) revalidatePath('/users');
  return result;
}
