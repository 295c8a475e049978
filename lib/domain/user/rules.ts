/** Machine codes of the user's business-rule rejections. */
export const USER_RULES = {
  user_already_exists: 'A user with this username already exists',
  user_disabled: 'The user is disabled',
  user_not_disabled: 'The user is not disabled',
  customer_id_required: 'A customer needs a customer id',
  customer_id_for_customers_only: 'Only customers hold a customer id',
  role_unchanged: 'The user already has this role',
} as const;

export type UserRuleCode = keyof typeof USER_RULES;
