import { CURRENCIES, formatMoney, type Currency } from '@/lib/domain/account/money';

/** An amount in minor units, formatted for its currency; negative amounts are marked. */
export function Money({ amount, currency, signed = false }: { amount: number; currency: string; signed?: boolean }) {
  const known = currency in CURRENCIES;
  const text = known ? formatMoney(amount, currency as Currency) : `${amount} ${currency}`;
  const sign = signed && amount > 0 ? '+' : '';
  return (
    <span className={`money${amount < 0 ? ' money--negative' : ''}`} data-amount={amount}>
      {sign}
      {text}
    </span>
  );
}
