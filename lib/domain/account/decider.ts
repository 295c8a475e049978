import type { Decider } from '../../core/decider';
import type { AccountCommand } from './commands';
import { decide } from './decide';
import type { AccountEvent } from './events';
import { evolve } from './evolve';
import { initialState, type AccountState } from './state';

export const accountDecider: Decider<AccountState, AccountCommand, AccountEvent> = { initialState, decide, evolve };

export const accountStreamId = (accountId: string): string => `account-${accountId}`;
