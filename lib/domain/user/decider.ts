import type { Decider } from '../../core/decider';
import type { UserCommand } from './commands';
import { decide } from './decide';
import type { UserEvent } from './events';
import { evolve } from './evolve';
import { initialState, type UserState } from './state';

/** A user who signs in: `user-{username}`. The username is the stream's id, so it is unique by construction. */
export const userDecider: Decider<UserState, UserCommand, UserEvent> = { initialState, decide, evolve };

export const USER_CATEGORY = 'user';
export const userStreamId = (username: string): string => `${USER_CATEGORY}-${username}`;
