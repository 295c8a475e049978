import type { z } from 'zod';
import type { EventStore } from '../../core/event-store';
import { ACCOUNT_COMMANDS, dispatchAccountCommand, issuesOf, type AccountCommandName } from '../account-commands';
import { accountLoader } from '../account-loader';
import { eventStore } from '../event-store';
import { resolveDemoActor, type ActorSources } from '../http/demo-actor';
import { actionFailure, addFieldError, invalidForm, type AccountActionResult } from './action-state';
import { parseAccountForm } from './account-forms';

/**
 * The body of every account server action: form → command input → the same
 * dispatch as the JSON API → form state for `useActionState`.
 */
export const runAccountAction = async (
  name: AccountCommandName,
  formData: FormData,
  actor: ActorSources,
  store?: EventStore,
): Promise<AccountActionResult> => {
  try {
    const context = { actor: resolveDemoActor(actor) };
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
    const result = await dispatchAccountCommand(
      store ?? eventStore(),
      name,
      form.accountId,
      form.input,
      { ...context, commandId: form.commandId, expectedVersion: form.expectedVersion },
      store ? undefined : accountLoader(),
    );
    return { ok: true, result };
  } catch (error) {
    return actionFailure(error);
  }
};
