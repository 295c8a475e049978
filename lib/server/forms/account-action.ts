import type { z } from 'zod';
import type { EventStore } from '../../core/event-store';
import { ACCOUNT_COMMANDS, dispatchAccountCommand, issuesOf, type AccountCommandName } from '../account-commands';
import { accountLoader } from '../account-loader';
import { eventStore } from '../event-store';
import type { Principal } from '../../auth/principal';
import { authorizeCommand, requireAllowed } from '../auth/authorize';
import { COMMAND_ACTION, commandTarget } from '../auth/command-target';
import { actionFailure, addFieldError, invalidForm, type AccountActionResult } from './action-state';
import { parseAccountForm } from './account-forms';

/**
 * The body of every account server action: who is signed in → form → command
 * input → the same authorisation and dispatch as the JSON API → form state
 * for `useActionState`. The signed-in principal is recorded as the actor.
 */
export const runAccountAction = async (
  name: AccountCommandName,
  formData: FormData,
  principal: Principal | null,
  store?: EventStore,
): Promise<AccountActionResult> => {
  try {
    const signedIn = requireAllowed(principal, COMMAND_ACTION[name]).principal;
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
    await authorizeCommand(signedIn, commandTarget(name, form.accountId, form.input), store);
    const result = await dispatchAccountCommand(
      store ?? eventStore(),
      name,
      form.accountId,
      form.input,
      { actor: signedIn.id, commandId: form.commandId, expectedVersion: form.expectedVersion },
      store ? undefined : accountLoader(),
    );
    return { ok: true, result };
  } catch (error) {
    return actionFailure(error);
  }
};
