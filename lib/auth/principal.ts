/* Who is acting: the signed-in user as authorisation sees them. No framework or database here. */

export const ROLES = ['customer', 'teller', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export type Principal = {
  /** Recorded as the actor of every command: `customer:ada-lovelace`, `teller:ann`, `auditor:amir`. */
  id: string;
  role: Role;
  /** Display name. */
  name: string;
  /** For customers: the holder name their accounts are opened under (AccountOpened `holder.name`). */
  holderName?: string;
};

export const ROLE_LABELS: Record<Role, string> = { customer: 'Customer', teller: 'Teller', auditor: 'Auditor' };
