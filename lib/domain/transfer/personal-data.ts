import type { PersonalDataRules } from '../../core/personal-data/rules';

/** A transfer's description, as its sender typed it: sealed under the key of the customer who holds the source account. */
export const transferPersonalData: PersonalDataRules = {
  TransferRequested: { fields: ['description'], subject: { of: 'account', field: 'fromAccountId' } },
};

/** The sender's words in the recorded command (`metadata.command.input`). */
export const transferPersonalInputs = ['description'] as const;
