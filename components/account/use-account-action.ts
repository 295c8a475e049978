'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useActionState, useEffect, useRef, useState } from 'react';
import { useLiveStore } from '@/components/live/connection-store';
import type { AccountActionResult, AccountActionState } from '@/lib/server/forms/action-state';
import { accountKeys } from './use-account-data';

type ServerAction = (previous: AccountActionState, formData: FormData) => Promise<AccountActionResult>;
type Success = Extract<AccountActionResult, { ok: true }>;

/** `crypto.randomUUID` exists only in secure contexts; a demo opened over plain http on a LAN address still needs ids. */
const newCommandId = (): string => {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/**
 * A server action for `useActionState`, made safe and immediate:
 * - the form carries one command id until it succeeds, so a double submit or a
 *   retry after a lost answer is recorded once; the next command gets a new id;
 * - on success the page's queries refetch with `after_position`, so the person
 *   sees their own change as soon as it is answered;
 * - on a refusal the figures are refreshed too, since they may be what was stale.
 */
export function useAccountAction(
  action: ServerAction,
  accountId: string,
  handlers: { onSubmit?: (formData: FormData) => void; onSuccess?: (formData: FormData, success: Success) => void } = {},
) {
  const queryClient = useQueryClient();
  const [commandId, setCommandId] = useState(newCommandId);
  const [state, formAction] = useActionState(async (previous: AccountActionState, formData: FormData) => {
    handlers.onSubmit?.(formData);
    const result = await action(previous, formData);
    if (result.ok) {
      useLiveStore.getState().wrote(result.result.globalPosition);
      setCommandId(newCommandId());
      handlers.onSuccess?.(formData, result);
    }
    if (result.ok || result.code !== 'validation_failed') {
      void queryClient.invalidateQueries({ queryKey: accountKeys.all(accountId) });
    }
    return result;
  }, null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    // The submit button was disabled while pending, which drops keyboard focus on the page body:
    // bring it back to the first field that needs attention, or the first field to type into.
    const form = formRef.current;
    if (!state || !form) return;
    const invalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
    const lost = !document.activeElement || document.activeElement === document.body;
    (invalid ?? (lost ? form.querySelector<HTMLElement>('input:not([type="hidden"]):not(:disabled)') : null))?.focus();
  }, [state]);
  return { state, formAction, commandId, formRef };
}

/** The messages for one field, joined, or undefined. */
export const fieldError = (state: AccountActionState, field: string): string | undefined =>
  state && !state.ok ? state.fieldErrors[field]?.join(' ') : undefined;
