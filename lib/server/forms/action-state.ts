import type { FieldIssue } from '../../core/errors';
import type { CommandResult } from '../../commands/account-commands';
import { toErrorResponse } from '../http-errors';

/** Messages per form field; a message about the form as a whole is keyed `_form`. */
export type FieldErrors = Record<string, string[]>;

export type AccountActionResult =
  | { ok: true; result: CommandResult }
  | { ok: false; code: string; message: string; fieldErrors: FieldErrors };

/** What `useActionState` holds: `null` before the first submit. */
export type AccountActionState = AccountActionResult | null;

export const addFieldError = (errors: FieldErrors, field: string, message: string): void => {
  (errors[field || '_form'] ??= []).push(message);
};

export const fieldErrorsOf = (issues: FieldIssue[]): FieldErrors => {
  const errors: FieldErrors = {};
  for (const issue of issues) addFieldError(errors, issue.path, issue.message);
  return errors;
};

export const invalidForm = (fieldErrors: FieldErrors): AccountActionResult => ({
  ok: false,
  code: 'validation_failed',
  message: 'Please correct the highlighted fields',
  fieldErrors,
});

/** Errors become form state through the same mapping as HTTP responses. */
export const actionFailure = (error: unknown): AccountActionResult => {
  const { body } = toErrorResponse(error);
  return { ok: false, code: body.error.code, message: body.error.message, fieldErrors: fieldErrorsOf(body.error.issues ?? []) };
};
