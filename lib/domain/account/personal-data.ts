import type { PersonalDataRules } from '../../core/personal-data/rules';

/**
 * An account's personal data: its holder's name and what a customer typed (a deposit's or
 * withdrawal's description, a closing reason), sealed under the key of the customer who holds the
 * account. Amounts, currencies and dates are the bank's records and stay in the clear; so does the
 * customer id, an identifier (see README "Audit").
 */
export const accountPersonalData: PersonalDataRules = {
  AccountOpened: { fields: ['holder.name'], subject: { of: 'stream' } },
  MoneyDeposited: { fields: ['description'], subject: { of: 'stream' } },
  MoneyWithdrawn: { fields: ['description'], subject: { of: 'stream' } },
  AccountClosed: { fields: ['reason'], subject: { of: 'stream' } },
};

/** The same words as the command that recorded them carries them (`metadata.command.input`): sealed there too. */
export const accountPersonalInputs = ['owner', 'description', 'reason'] as const;
