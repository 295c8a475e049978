import { currencySchema, type Currency } from '../../domain/account/money';
import { commandIdSchema, type AccountCommandName } from '../../commands/account-commands';
import { addFieldError, type FieldErrors } from './action-state';
import { parseMoney, parseWholeNumber } from '../../domain/account/decimal-amount';

/**
 * Turns a submitted form into what `dispatchAccountCommand` takes. Forms hold
 * strings: money is entered in major units ("12.34") and converted here; every
 * other rule stays with the command's schema so there is one source of truth.
 */
export type ParsedAccountForm = {
  accountId: string | undefined;
  input: Record<string, unknown>;
  commandId: string | undefined;
  expectedVersion: number | undefined;
  /** Empty when the form converted cleanly. */
  errors: FieldErrors;
};

class FormReader {
  readonly errors: FieldErrors = {};
  constructor(private readonly form: FormData) {}

  /** The raw string; files and absent fields read as undefined. */
  raw(name: string): string | undefined {
    const value = this.form.get(name);
    return typeof value === 'string' ? value : undefined;
  }

  /** Blank reads as absent, so optional fields may be left empty. */
  optional(name: string): string | undefined {
    const value = this.raw(name)?.trim();
    return value ? value : undefined;
  }

  required(name: string, message: string): string | undefined {
    const value = this.optional(name);
    if (value === undefined) addFieldError(this.errors, name, message);
    return value;
  }

  currency(name: string): Currency | undefined {
    const value = this.required(name, 'Choose a currency');
    if (value === undefined) return undefined;
    const parsed = currencySchema.safeParse(value);
    if (!parsed.success) addFieldError(this.errors, name, `Unknown currency ${value}`);
    return parsed.success ? parsed.data : undefined;
  }

  /** Needs the currency to know how many decimals it has; without one the currency field carries the error. */
  money(name: string, currency: Currency | undefined, required: { message: string } | false): number | undefined {
    const value = required ? this.required(name, required.message) : this.optional(name);
    if (value === undefined || currency === undefined) return undefined;
    return this.check(name, parseMoney(value, currency));
  }

  wholeNumber(name: string, required: { message: string } | false): number | undefined {
    const value = required ? this.required(name, required.message) : this.optional(name);
    return value === undefined ? undefined : this.check(name, parseWholeNumber(value));
  }

  /**
   * Date inputs send `2026-01-31` and datetime-local inputs `2026-01-31T13:45`,
   * neither with a zone: both are read as UTC. Anything else goes to the schema as typed.
   */
  dateTime(name: string): string | undefined {
    const value = this.required(name, 'Enter a date');
    if (value === undefined) return undefined;
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T00:00:00Z`;
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return `${value}:00Z`;
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value)) return `${value}Z`;
    return value;
  }

  private check<T>(name: string, parsed: { ok: true; value: T } | { ok: false; message: string }): T | undefined {
    if (parsed.ok) return parsed.value;
    addFieldError(this.errors, name, parsed.message);
    return undefined;
  }
}

/** Drops absent fields so that the schema's defaults and "required" messages apply. */
const defined = (input: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));

const INPUTS: Record<AccountCommandName, (form: FormReader) => Record<string, unknown>> = {
  open: (form) => {
    const currency = form.currency('currency');
    return {
      // Sent even when blank so the schema answers "Owner is required".
      owner: form.raw('owner') ?? '',
      // Staff name the customer who will hold it (blank: the bank's own account); a customer's own id is filled in.
      customerId: form.optional('customerId'),
      // Optional: a person unless the form says otherwise; the schema checks the value.
      holderKind: form.optional('holderKind'),
      currency,
      overdraftLimit: form.money('overdraftLimit', currency, false),
    };
  },
  deposit: (form) => moneyMovement(form),
  withdraw: (form) => moneyMovement(form),
  close: (form) => ({ reason: form.optional('reason') }),
  interest: (form) => ({
    rateBasisPoints: form.wholeNumber('rateBasisPoints', { message: 'Enter a rate in basis points' }),
    periodStart: form.dateTime('periodStart'),
    periodEnd: form.dateTime('periodEnd'),
  }),
};

/** The currency is required: it fixes the decimals of the amount and is checked against the account's. */
const moneyMovement = (form: FormReader): Record<string, unknown> => {
  const currency = form.currency('currency');
  return {
    amount: form.money('amount', currency, { message: 'Enter an amount' }),
    currency,
    description: form.optional('description'),
  };
};

export const parseAccountForm = (name: AccountCommandName, formData: FormData): ParsedAccountForm => {
  const form = new FormReader(formData);
  const accountId = name === 'open' ? undefined : form.required('accountId', 'Choose an account');
  const input = defined(INPUTS[name](form));

  // Hidden fields: a command id rendered with the form makes a double submit harmless.
  const commandId = form.optional('commandId');
  if (commandId !== undefined && !commandIdSchema.safeParse(commandId).success) {
    addFieldError(form.errors, 'commandId', 'The form is out of date; reload the page and try again');
  }
  const expectedVersion = form.wholeNumber('expectedVersion', false);

  return { accountId, input, commandId, expectedVersion, errors: form.errors };
};
