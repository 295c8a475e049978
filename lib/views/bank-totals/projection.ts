import { asAccountEvent, movementOf } from '../shared/account-events';
import { stateTable, tablesByKind } from '../../projections/engine/document-tables';
import { asBigInt, asNumber } from '../../projections/engine/row-values';
import type { DocumentTable, Projection } from '../../projections/projection';

export type StatusCount = { kind: 'status'; status: string; accounts: number };
export type CurrencyTotal = { kind: 'currency'; currency: string; balance: bigint; accounts: number };
export type DailyFlow = { kind: 'flow'; day: string; currency: string; deposits: bigint; withdrawals: bigint; interest: bigint; movements: number };
export type BankTotalsDocument = StatusCount | CurrencyTotal | DailyFlow;

/** Document ids: `status:open`, `currency:EUR`, `flow:2026-12-03:EUR` (a day is UTC). */
const statusId = (status: string) => `status:${status}`;
const currencyId = (currency: string) => `currency:${currency}`;
const flowId = (day: string, currency: string) => `flow:${day}:${currency}`;
const rest = (id: string) => id.slice(id.indexOf(':') + 1);

const countStatus = (document: BankTotalsDocument | null, id: string, delta: number): StatusCount => {
  const count = document?.kind === 'status' ? document : { kind: 'status' as const, status: rest(id), accounts: 0 };
  return { ...count, accounts: count.accounts + delta };
};

/** Accounts by status, balances by currency, money in and out per day. */
export const bankTotalsProjection: Projection<BankTotalsDocument> = {
  name: 'bank-totals',
  version: 1,
  eventTypes: ['AccountOpened', 'MoneyDeposited', 'MoneyWithdrawn', 'InterestApplied', 'AccountClosed'],
  documentIds: (recorded) => {
    const event = asAccountEvent(recorded);
    if (event.type === 'AccountOpened') return [statusId('open'), currencyId(event.data.currency)];
    if (event.type === 'AccountClosed') return [statusId('open'), statusId('closed')];
    const movement = movementOf(event);
    if (!movement || !('currency' in event.data)) return [];
    return [currencyId(event.data.currency), flowId(movement.at.slice(0, 10), event.data.currency)];
  },
  evolve: (document, recorded, id) => {
    const event = asAccountEvent(recorded);
    if (event.type === 'AccountOpened') {
      if (id.startsWith('status:')) return countStatus(document, id, 1);
      const total = document?.kind === 'currency' ? document : { kind: 'currency' as const, currency: event.data.currency, balance: 0n, accounts: 0 };
      return { ...total, accounts: total.accounts + 1 };
    }
    if (event.type === 'AccountClosed') return countStatus(document, id, id === statusId('open') ? -1 : 1);
    const movement = movementOf(event);
    if (!movement) return document;
    const amount = BigInt(movement.amount);
    if (id.startsWith('currency:')) {
      if (document?.kind !== 'currency') throw new Error(`money moved in ${rest(id)} before any account in it was opened (position ${recorded.globalPosition})`);
      return { ...document, balance: document.balance + amount };
    }
    const flow: DailyFlow =
      document?.kind === 'flow'
        ? document
        : { kind: 'flow', day: movement.at.slice(0, 10), currency: rest(id).slice(11), deposits: 0n, withdrawals: 0n, interest: 0n, movements: 0 };
    return {
      ...flow,
      deposits: flow.deposits + (movement.kind === 'deposit' ? amount : 0n),
      withdrawals: flow.withdrawals + (movement.kind === 'withdrawal' ? -amount : 0n),
      interest: flow.interest + (movement.kind === 'interest' ? amount : 0n),
      movements: flow.movements + 1,
    };
  },
  documents: tablesByKind<BankTotalsDocument>({
    status: stateTable<StatusCount>({
      table: 'bank_status_counts',
      key: ['status'],
      keyOf: (id) => [rest(id)],
      idOf: (row) => statusId(String(row.status)),
      columns: [
        ['status', 'text'],
        ['accounts', 'int'],
      ],
      toRow: (d) => [d.status, d.accounts],
      fromRow: (row) => ({ kind: 'status', status: String(row.status), accounts: asNumber(row.accounts) }),
    }) as DocumentTable<BankTotalsDocument>,
    currency: stateTable<CurrencyTotal>({
      table: 'bank_currency_totals',
      key: ['currency'],
      keyOf: (id) => [rest(id)],
      idOf: (row) => currencyId(String(row.currency)),
      columns: [
        ['currency', 'text'],
        ['balance', 'bigint'],
        ['accounts', 'int'],
      ],
      toRow: (d) => [d.currency, d.balance, d.accounts],
      fromRow: (row) => ({ kind: 'currency', currency: String(row.currency), balance: asBigInt(row.balance), accounts: asNumber(row.accounts) }),
    }) as DocumentTable<BankTotalsDocument>,
    flow: stateTable<DailyFlow>({
      table: 'bank_daily_flows',
      key: ['day', 'currency'],
      keyOf: (id) => [rest(id).slice(0, 10), rest(id).slice(11)],
      idOf: (row) => flowId(String(row.day), String(row.currency)),
      columns: [
        ['day', 'text'],
        ['currency', 'text'],
        ['deposits', 'bigint'],
        ['withdrawals', 'bigint'],
        ['interest', 'bigint'],
        ['movements', 'int'],
      ],
      toRow: (d) => [d.day, d.currency, d.deposits, d.withdrawals, d.interest, d.movements],
      fromRow: (row) => ({
        kind: 'flow',
        day: String(row.day),
        currency: String(row.currency),
        deposits: asBigInt(row.deposits),
        withdrawals: asBigInt(row.withdrawals),
        interest: asBigInt(row.interest),
        movements: asNumber(row.movements),
      }),
    }) as DocumentTable<BankTotalsDocument>,
  }),
};
