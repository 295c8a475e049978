import { describe, expect, it } from 'vitest';
import { parseAccountForm } from './account-forms';

const form = (fields: Record<string, string>): FormData => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

describe('parseAccountForm', () => {
  it('converts an open-account form, overdraft in major units', () => {
    expect(parseAccountForm('open', form({ owner: ' Ada ', currency: 'EUR', overdraftLimit: '250.50', commandId: 'form-1' }))).toEqual({
      accountId: undefined,
      input: { owner: ' Ada ', currency: 'EUR', overdraftLimit: 25_050 },
      commandId: 'form-1',
      expectedVersion: undefined,
      errors: {},
    });
  });

  it('passes a holder kind on when the form has one', () => {
    expect(parseAccountForm('open', form({ owner: 'Café', holderKind: 'organisation', currency: 'EUR' })).input).toEqual({
      owner: 'Café',
      holderKind: 'organisation',
      currency: 'EUR',
    });
  });

  it('leaves a blank overdraft to the schema default and a blank owner to the schema message', () => {
    const parsed = parseAccountForm('open', form({ owner: '', currency: 'JPY', overdraftLimit: '' }));
    expect(parsed.input).toEqual({ owner: '', currency: 'JPY' });
    expect(parsed.errors).toEqual({});
  });

  it('converts deposits and withdrawals with the currency the form names', () => {
    const parsed = parseAccountForm(
      'deposit',
      form({ accountId: 'acc-1', amount: '12.34', currency: 'USD', description: '  ', commandId: 'c-1', expectedVersion: '3' }),
    );
    expect(parsed).toEqual({
      accountId: 'acc-1',
      input: { amount: 1234, currency: 'USD' },
      commandId: 'c-1',
      expectedVersion: 3,
      errors: {},
    });
    expect(parseAccountForm('withdraw', form({ accountId: 'acc-1', amount: '500', currency: 'JPY' })).input).toEqual({
      amount: 500,
      currency: 'JPY',
    });
  });

  it('reports conversion problems per field', () => {
    expect(parseAccountForm('deposit', form({ accountId: 'a', amount: '12.345', currency: 'EUR' })).errors).toEqual({
      amount: ['EUR amounts have at most 2 decimal places'],
    });
    expect(parseAccountForm('deposit', form({ accountId: 'a', amount: '1.5', currency: 'JPY' })).errors).toEqual({
      amount: ['JPY amounts have no decimal places'],
    });
    expect(parseAccountForm('withdraw', form({ amount: 'ten' })).errors).toEqual({
      accountId: ['Choose an account'],
      currency: ['Choose a currency'],
    });
    expect(parseAccountForm('withdraw', form({ accountId: 'a', currency: 'XXX', amount: '' })).errors).toEqual({
      currency: ['Unknown currency XXX'],
      amount: ['Enter an amount'],
    });
    expect(parseAccountForm('close', form({ accountId: 'a', commandId: 'has space', expectedVersion: 'v3' })).errors).toEqual({
      commandId: ['The form is out of date; reload the page and try again'],
      expectedVersion: ['Enter a whole number'],
    });
  });

  it('keeps negative amounts for the schema to judge', () => {
    expect(parseAccountForm('deposit', form({ accountId: 'a', amount: '-5', currency: 'EUR' })).input).toMatchObject({ amount: -500 });
  });

  it('reads date and datetime-local inputs as UTC', () => {
    const parsed = parseAccountForm(
      'interest',
      form({ accountId: 'a', rateBasisPoints: '250', periodStart: '2026-01-01', periodEnd: '2026-03-31T23:59' }),
    );
    expect(parsed.input).toEqual({ rateBasisPoints: 250, periodStart: '2026-01-01T00:00:00Z', periodEnd: '2026-03-31T23:59:00Z' });
    expect(
      parseAccountForm('interest', form({ accountId: 'a', rateBasisPoints: '2.5', periodStart: '2026-01-01T10:00:00+02:00', periodEnd: '' })),
    ).toMatchObject({ input: { periodStart: '2026-01-01T10:00:00+02:00' }, errors: { rateBasisPoints: ['Enter a whole number'], periodEnd: ['Enter a date'] } });
  });

  it('ignores uploaded files where text is expected', () => {
    const data = form({ accountId: 'a', currency: 'EUR' });
    data.set('amount', new Blob(['12']), 'amount.txt');
    expect(parseAccountForm('deposit', data).errors).toEqual({ amount: ['Enter an amount'] });
  });
});
