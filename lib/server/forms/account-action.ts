import type { z } from 'zod';
import { ACCOUNT_COMMANDS, issuesOf, type AccountCommandName } from '../../commands/account-commands';
import { commandAction } from '../../auth/policy';
import type { Principal } from '../../auth/principal';
import type { Runtime } from '../../runtime/runtime';
import { requireAllowed } from '../auth/authorize';
import { actionFailure, addFieldError, invalidForm, type AccountActionResult } from './action-state';
import { parseAccountForm } from './account-forms';
import { webRuntime } from '../web-runtime';

/**
 * The body of every account server action: who is signed in → form → command
 * input → the same authorisation and dispatch as the JSON API → form state
 * for `useActionState`. The signed-in principal is recorded as the actor.
 */
export const runAccountAction = async (
  name: AccountCommandName,
  formData: FormData,
  principal: Principal | null,
  runtime: Runtime = webRuntime(),
): Promise<AccountActionResult> => {
  try {
    // Who is asking comes first: a read-only or anonymous caller learns nothing about the form.
    requireAllowed(principal, commandAction(runtime.aggregates.named('account'), name));
    const form = parseAccountForm(name, formData);
    if (Object.keys(form.errors).length > 0) {
      // Report the schema's complaints about the other fields too, so one submit shows every problem.
      const checked = (ACCOUNT_COMMANDS[name].input as z.ZodType).safeParse(form.input);
      const errors = { ...form.errors };
      if (!checked.success) {
        for (const issue of issuesOf(checked.error)) {
          if (!(issue.path in form.errors)) addFieldError(errors, issue.path, issue.message);
        }
      }
      return invalidForm(errors);
    }
    const sent = await runtime.sendAs(principal, 'account', name, form.accountId, form.input, {
      commandId: form.commandId,
      expectedVersion: form.expectedVersion,
    });
    return { ok: true, result: { accountId: sent.id, version: sent.version, globalPosition: sent.globalPosition, duplicate: sent.duplicate } };
  } catch (error) {
    return actionFailure(error);
  }
};
