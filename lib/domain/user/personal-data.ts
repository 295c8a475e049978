import type { PersonalDataRules } from '../../core/personal-data/rules';

/** A customer's user: their display name, sealed under their customer's key. Staff users hold no customer id and stay in the clear. */
export const userPersonalData: PersonalDataRules = {
  UserRegistered: { fields: ['displayName'], subject: { of: 'stream' } },
};

/** The customer's name in the recorded command, and why a teller disabled them (`metadata.command.input`). */
export const userPersonalInputs = ['displayName', 'reason'] as const;
