import { positiveInt } from '../outbox/messaging-config';
import { DEFAULT_LARGE_WITHDRAWAL_MAJOR } from './notice-for';

export type NotificationsConfig = { largeWithdrawalMajor: number };

/** NOTIFY_LARGE_WITHDRAWAL: the large-withdrawal threshold in major units of the account's currency (default 1,000). */
export const notificationsConfig = (env: Record<string, string | undefined> = process.env): NotificationsConfig => ({
  largeWithdrawalMajor: positiveInt(env, 'NOTIFY_LARGE_WITHDRAWAL', DEFAULT_LARGE_WITHDRAWAL_MAJOR),
});
