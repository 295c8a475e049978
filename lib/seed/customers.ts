import { customerId, customerName } from '../auth/demo-customers';
import type { Currency } from '../domain/account/money';

export { customerActor, customerId, customerName } from '../auth/demo-customers';

export type SeedCustomer = { id: string; name: string; currency: Currency; salary: number; overdraft: number };

/** Deterministic customers: the i-th always has the same name, currency and means. */
export const seedCustomers = (count: number, random: { int: (a: number, b: number) => number; pick: <T>(x: readonly T[]) => T }) =>
  Array.from({ length: count }, (_, i): SeedCustomer => ({
    id: customerId(i),
    name: customerName(i),
    currency: i % 9 === 4 ? 'USD' : i % 11 === 6 ? 'GBP' : i % 13 === 8 ? 'CHF' : 'EUR',
    salary: random.int(1_800, 6_500) * 100,
    overdraft: random.pick([0, 0, 200_00, 500_00, 1_000_00]),
  }));
