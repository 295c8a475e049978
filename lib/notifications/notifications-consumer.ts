import type { MessageBus, Subscription } from '../outbox/message-bus';
import { NOTIFICATION_FILTER, noticeFor } from './notice-for';
import type { NotificationsStore } from './notifications-store';

export const NOTIFICATIONS_CONSUMER = 'notifications';

/**
 * The example side-effect consumer. Delivery is at-least-once; the notice's
 * unique event id makes its effect happen once. A throw (database away) leaves
 * the message unacknowledged, so the bus delivers it again.
 */
export const startNotificationsConsumer = (
  bus: MessageBus,
  store: NotificationsStore,
  options: { largeWithdrawalMajor?: number; onRecorded?: (eventId: string) => void } = {},
): Promise<Subscription> =>
  bus.subscribe(NOTIFICATIONS_CONSUMER, NOTIFICATION_FILTER, async (message) => {
    const notice = noticeFor(message, options.largeWithdrawalMajor);
    if (notice && (await store.recordOnce(notice))) options.onRecorded?.(notice.eventId);
  });
