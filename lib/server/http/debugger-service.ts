import type { RecordedEvent } from '../../core/envelope';
import type { SnapshotStore } from '../../core/snapshots';
import { DebuggerService } from '../../debugger/debugger-service';
import { accountDecider } from '../../domain/account/decider';
import type { AccountEvent } from '../../domain/account/events';
import { ACCOUNT_STATE_SCHEMA_VERSION, type AccountState } from '../../domain/account/state';
import { accountLoader, createSnapshotStore, snapshotEvery } from '../account-loader';
import { eventStore } from '../event-store';

/** Signed effect of an account event on the balance; null for events that move no money. */
export const signedAmount = (event: RecordedEvent): number | null => {
  const account = event as unknown as AccountEvent;
  switch (account.type) {
    case 'MoneyDeposited':
    case 'InterestApplied':
      return account.data.amount;
    case 'MoneyWithdrawn':
      return -account.data.amount;
    case 'AccountOpened':
    case 'AccountClosed':
      return null;
    default:
      return null;
  }
};

const holder = globalThis as unknown as { chronicleDebugger?: DebuggerService<AccountState>; chronicleDebuggerSnapshots?: SnapshotStore };

/** The debugger over account streams: the server's store, and the account loader's snapshots for time travel. */
export const accountDebugger = (): DebuggerService<AccountState> =>
  (holder.chronicleDebugger ??= new DebuggerService<AccountState>({
    store: eventStore(),
    stateAt: (streamId, version) => accountLoader().stateAt(streamId, version),
    initialState: accountDecider.initialState,
    evolve: (state, event) => accountDecider.evolve(state, event as unknown as AccountEvent),
    snapshots:
      snapshotEvery() > 0
        ? { store: (holder.chronicleDebuggerSnapshots ??= createSnapshotStore()), stateSchemaVersion: ACCOUNT_STATE_SCHEMA_VERSION, every: snapshotEvery() }
        : null,
    signedAmount,
  }));

/** For tests that swap the database: the next call builds the debugger afresh. */
export const forgetAccountDebugger = (): void => {
  delete holder.chronicleDebugger;
  delete holder.chronicleDebuggerSnapshots;
};
