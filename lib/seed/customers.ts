import type { Currency } from '../domain/account/money';

export type SeedCustomer = { name: string; currency: Currency; salary: number; overdraft: number };

const FIRST = ['Ada', 'Grace', 'Alan', 'Katherine', 'Edsger', 'Barbara', 'Donald', 'Margaret', 'Linus', 'Radia', 'Ken', 'Frances', 'Tim', 'Hedy', 'Dennis', 'Sophie', 'Niklaus', 'Joan', 'John', 'Shafi', 'Leslie', 'Annie', 'Bjarne', 'Evelyn', 'Guido', 'Mary', 'Yukihiro', 'Karen', 'James', 'Adele'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Dijkstra', 'Liskov', 'Knuth', 'Hamilton', 'Torvalds', 'Perlman', 'Thompson', 'Allen', 'Berners-Lee', 'Lamarr', 'Ritchie', 'Wilson', 'Wirth', 'Clarke', 'Backus', 'Goldwasser', 'Lamport', 'Easley', 'Stroustrup', 'Berezin', 'van Rossum', 'Keller', 'Matsumoto', 'Spärck Jones', 'Gosling', 'Goldberg'];

export const customerName = (i: number): string => `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`;

/** `customer:ada-lovelace`: how the seed and the demo identity name a customer. */
export const customerActor = (name: string): string =>
  `customer:${name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;

/** Deterministic customers: the i-th always has the same name, currency and means. */
export const seedCustomers = (count: number, random: { int: (a: number, b: number) => number; pick: <T>(x: readonly T[]) => T }) =>
  Array.from({ length: count }, (_, i): SeedCustomer => ({
    name: customerName(i),
    currency: i % 9 === 4 ? 'USD' : i % 11 === 6 ? 'GBP' : i % 13 === 8 ? 'CHF' : 'EUR',
    salary: random.int(1_800, 6_500) * 100,
    overdraft: random.pick([0, 0, 200_00, 500_00, 1_000_00]),
  }));
