import type { AnyAggregate } from '../core/aggregate';
import { accountAggregate } from '../domain/account/aggregate';
import { transferAggregate } from '../domain/transfer/aggregate';
import { userAggregate } from '../domain/user/aggregate';

/** Every aggregate of the bank, one line each. A new aggregate is a folder under lib/domain and a line here. */
export const AGGREGATES: readonly AnyAggregate[] = [accountAggregate, transferAggregate, userAggregate];
