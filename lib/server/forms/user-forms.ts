import { hashNewPassword } from '../../auth/passwords';
import { commandAction } from '../../auth/policy';
import type { Principal } from '../../auth/principal';
import { ValidationError } from '../../core/errors';
import { usernameSchema } from '../../domain/user/commands';
import type { Runtime } from '../../runtime/runtime';
import { requireAllowed } from '../auth/authorize';
import { webRuntime } from '../web-runtime';
import { actionFailure, type FieldErrors } from './action-state';

export type UserActionResult = { ok: true; username: string } | { ok: false; code: string; message: string; fieldErrors: FieldErrors };
export type UserActionState = UserActionResult | null;

const text = (formData: FormData, name: string): string => {
  const value = formData.get(name);
  return typeof value === 'string' ? value : '';
};

/**
 * A teller registers a customer who can then sign in: username, the name their accounts are held
 * under, the customer id whose accounts they hold (the username unless given) and a first password,
 * hashed here. Staff users are made with the CLI.
 */
export const runRegisterCustomer = async (formData: FormData, principal: Principal | null, runtime: Runtime = webRuntime()): Promise<UserActionResult> => {
  try {
    requireAllowed(principal, commandAction(runtime.aggregates.named('user'), 'register'));
    const username = usernameSchema.safeParse(text(formData, 'username'));
    if (!username.success) throw new ValidationError('Invalid user', [{ path: 'username', message: username.error.issues[0]?.message ?? 'Invalid username' }]);
    const customerId = text(formData, 'customerId').trim() || username.data;
    const passwordHash = await hashNewPassword(text(formData, 'password'));
    await runtime.sendAs(principal, 'user', 'register', username.data, { displayName: text(formData, 'displayName'), role: 'customer', customerId, passwordHash }, {});
    return { ok: true, username: username.data };
  } catch (error) {
    const failure = actionFailure(error);
    return failure.ok ? { ok: false, code: 'internal_error', message: 'Something went wrong', fieldErrors: {} } : failure;
  }
};
