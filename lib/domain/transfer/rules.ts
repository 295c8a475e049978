/** Machine codes of the transfer's own rejections (the account legs use the account's rules). */
export const TRANSFER_RULES = {
  transfer_already_exists: 'A transfer with this id already exists',
  same_account: 'The source and destination must be different accounts',
  transfer_not_found: 'No such transfer',
  transfer_step_out_of_order: 'This step does not follow from the transfer so far',
} as const;

export type TransferRuleCode = keyof typeof TRANSFER_RULES;

/** Plain words for why a transfer failed, when the step that failed gave none. */
export const STEP_TIMEOUT_REASON = (step: string, attempts: number) => ({
  code: 'step_timeout',
  message: `The ${step} did not complete after ${attempts} attempt${attempts === 1 ? '' : 's'}`,
});
