import type { Currency } from '../domain/account/money';
import type { AccountCommandName } from '../commands/account-commands';
import { customerActor, seedCustomers } from './customers';
import type { Random } from './random';

/** One thing that happens in the simulated bank: a command someone sends at a moment. */
export type SeedStep =
  | {
      kind: 'command';
      at: Date;
      accountId: string;
      name: AccountCommandName;
      input: Record<string, unknown>;
      actor: string;
      /** The amount is this share of the balance when the command runs (payouts, final withdrawals). */
      amountFromBalance?: number;
    }
  /** Events carried over from a legacy system as they were (its schema version 1), predating today's rules and shapes. */
  | { kind: 'import'; at: Date; accountId: string; events: LegacyEvent[]; actor: string; legacyRef: string };

export type LegacyEvent = { type: string; schemaVersion: number; data: Record<string, unknown> };

export type SeedPlanOptions = { customers: number; start: Date; end: Date; merchantSalesPerDay: number };

const DAY = 86_400_000;
const atHour = (day: Date, random: Random) => new Date(day.getTime() + random.int(7 * 3600, 21 * 3600) * 1000);
const eachDay = (start: Date, end: Date) =>
  Array.from({ length: Math.floor((end.getTime() - start.getTime()) / DAY) }, (_, i) => new Date(start.getTime() + i * DAY));

const SPENDING = ['Groceries', 'Coffee', 'Train ticket', 'Pharmacy', 'Bookshop', 'Restaurant', 'Cinema', 'Hardware store'];

/** A deterministic plan of months of banking, in time order. */
export const seedPlan = (random: Random, options: SeedPlanOptions): SeedStep[] => {
  const steps: SeedStep[] = [];
  const days = eachDay(options.start, options.end);
  const command = (at: Date, accountId: string, name: AccountCommandName, input: Record<string, unknown>, actor: string) =>
    steps.push({ kind: 'command', at, accountId, name, input, actor });

  seedCustomers(options.customers, random).forEach((customer, index) => {
    const actor = customerActor(customer.id);
    const current = random.uuid();
    const openedOn = days[random.int(0, 20)]!;
    command(atHour(openedOn, random), current, 'open', { owner: customer.name, customerId: customer.id, currency: customer.currency, overdraftLimit: customer.overdraft }, 'teller:ann');
    const closesOn = index % 12 === 5 ? days[random.int(Math.floor(days.length / 2), days.length - 10)]! : null;
    const savings = index % 3 === 0 ? random.uuid() : null;
    const savingsOpenedOn = days[random.int(21, 30)]!;
    if (savings) command(atHour(savingsOpenedOn, random), savings, 'open', { owner: customer.name, customerId: customer.id, currency: customer.currency }, 'teller:ann');
    for (const day of days.filter((d) => d > openedOn && (!closesOn || d < closesOn))) {
      const date = day.getUTCDate();
      if (date === 26) command(atHour(day, random), current, 'deposit', { amount: customer.salary, description: 'Salary' }, 'system:payroll');
      if (date === 1) command(atHour(day, random), current, 'withdraw', { amount: Math.round(customer.salary * 0.3), description: 'Rent' }, actor);
      if (random.chance(0.35)) {
        command(atHour(day, random), current, 'withdraw', { amount: random.int(300, 15_000), description: random.pick(SPENDING) }, actor);
      }
      const savingsOpen = savings !== null && day > savingsOpenedOn;
      if (savingsOpen && date === 27) command(atHour(day, random), savings, 'deposit', { amount: Math.round(customer.salary * 0.1), description: 'Monthly saving' }, actor);
      if (savingsOpen && date === 1 && [1, 4, 7, 10].includes(day.getUTCMonth())) {
        const periodEnd = day.toISOString();
        const periodStart = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() - 3, 1)).toISOString();
        command(new Date(day.getTime() + 3600_000), savings, 'interest', { rateBasisPoints: 225, periodStart, periodEnd }, 'system:interest');
      }
    }
    if (closesOn) steps.push(...closure(current, customer.currency, closesOn, actor));
  });

  steps.push(...merchantHistory(random, days, options.merchantSalesPerDay));
  steps.push(...legacyImport(days));
  return steps.sort((a, b) => a.at.getTime() - b.at.getTime());
};

/** Closing needs a zero balance: a marker the runner resolves with the live balance. */
const closure = (accountId: string, currency: Currency, day: Date, actor: string): SeedStep[] => [
  { kind: 'command', at: new Date(day.getTime() + 10 * 3600_000), accountId, name: 'withdraw', input: { currency, description: 'Final payout' }, amountFromBalance: 1, actor },
  { kind: 'command', at: new Date(day.getTime() + 10 * 3600_000 + 60_000), accountId, name: 'close', input: { reason: 'Customer moved abroad' }, actor },
];

export const MERCHANT_ACCOUNT_ID = 'cafe-aurora-merchant';

/** A busy café's card settlements: the 10,000+ event stream for the debugger to scrub. */
const merchantHistory = (random: Random, days: Date[], salesPerDay: number): SeedStep[] => {
  const steps: SeedStep[] = [
    { kind: 'command', at: new Date(days[0]!.getTime() + 8 * 3600_000), accountId: MERCHANT_ACCOUNT_ID, name: 'open', input: { owner: 'Café Aurora Ltd', customerId: 'cafe-aurora', holderKind: 'organisation', currency: 'EUR', overdraftLimit: 2_000_00 }, actor: 'teller:ann' },
  ];
  for (const day of days.slice(1)) {
    for (let sale = 0; sale < salesPerDay; sale++) {
      const at = new Date(day.getTime() + (7 * 3600 + Math.floor((sale / salesPerDay) * 12 * 3600) + random.int(0, 600)) * 1000);
      steps.push({ kind: 'command', at, accountId: MERCHANT_ACCOUNT_ID, name: 'deposit', input: { amount: random.int(250, 4_500), description: 'Card settlement' }, actor: 'system:card-acquirer' });
    }
    steps.push({ kind: 'command', at: new Date(day.getTime() + 20 * 3600_000), accountId: MERCHANT_ACCOUNT_ID, name: 'withdraw', input: { description: 'Daily payout to owner' }, amountFromBalance: 0.9, actor: 'customer:cafe-aurora' });
  }
  return steps;
};

export const LEGACY_ACCOUNT_ID = 'legacy-000417';
export const LEGACY_SAVINGS_ACCOUNT_ID = 'legacy-000982';

/*
 * Accounts migrated from the old core-banking system (CORE1), stored exactly
 * as it exported them: schema version 1, a single holder name, amounts in
 * decimal EUR with no currency. Upcasters bring them to today's shapes on read.
 */
const v1 = (type: string, data: Record<string, unknown>): LegacyEvent => ({ type, schemaVersion: 1, data });

/**
 * Its early history predates overdraft protection: a batch card payment took
 * the balance to -84.12 EUR at version 4 with no overdraft allowed. The
 * debugger's `balance < 0` breakpoint finds it.
 */
const legacyCurrentAccount = (at: (day: number, hour: number) => Date): SeedStep => {
  const accountId = LEGACY_ACCOUNT_ID;
  return {
    kind: 'import',
    at: at(12, 23),
    accountId,
    actor: 'import:legacy-core',
    legacyRef: 'CORE1/000417',
    events: [
      v1('AccountOpened', { accountId, name: 'Margaret Keller', openedAt: at(2, 9).toISOString() }),
      v1('MoneyDeposited', { accountId, amount: 1250, description: 'Opening balance (legacy)', depositedAt: at(3, 10).toISOString() }),
      v1('MoneyWithdrawn', { accountId, amount: 1100, description: 'Standing order: rent (legacy)', withdrawnAt: at(5, 8).toISOString() }),
      v1('MoneyWithdrawn', { accountId, amount: 234.12, description: 'Card payment: electronics (legacy batch, no balance check)', withdrawnAt: at(6, 16).toISOString() }),
      v1('MoneyDeposited', { accountId, amount: 400, description: 'Transfer in (legacy)', depositedAt: at(12, 11).toISOString() }),
    ],
  };
};

/** CORE1's own arithmetic shows: an interest credit it computed as 0.1 + 0.2 was exported as 0.30000000000000004. */
const legacySavingsAccount = (at: (day: number, hour: number) => Date): SeedStep => {
  const accountId = LEGACY_SAVINGS_ACCOUNT_ID;
  return {
    kind: 'import',
    at: at(12, 23),
    accountId,
    actor: 'import:legacy-core',
    legacyRef: 'CORE1/000982',
    events: [
      v1('AccountOpened', { accountId, name: 'Joan Clarke', openedAt: at(1, 14).toISOString() }),
      v1('MoneyDeposited', { accountId, amount: 2450.5, description: 'Savings transfer (legacy)', depositedAt: at(2, 9).toISOString() }),
      v1('MoneyDeposited', { accountId, amount: 0.30000000000000004, description: 'Interest credit (legacy)', depositedAt: at(4, 0).toISOString() }),
      v1('MoneyWithdrawn', { accountId, amount: 19.99, withdrawnAt: at(9, 15).toISOString() }),
      v1('MoneyDeposited', { accountId, amount: 125, depositedAt: at(11, 10).toISOString() }),
    ],
  };
};

const legacyImport = (days: Date[]): SeedStep[] => {
  const at = (dayIndex: number, hour: number) => new Date(days[dayIndex]!.getTime() + hour * 3600_000);
  return [legacyCurrentAccount(at), legacySavingsAccount(at)];
};
