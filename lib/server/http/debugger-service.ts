import { streamCategory, type RecordedEvent } from '../../core/envelope';
import { fold } from '../../core/decider';
import { TRANSFER_CATEGORY, transferDecider } from '../../domain/transfer/decider';
import type { TransferEvent } from '../../domain/transfer/events';
import type { TransferState } from '../../domain/transfer/state';
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
  delete (globalThis as { chronicleTransferDebugger?: unknown }).chronicleTransferDebugger;
};

const transferHolder = globalThis as unknown as { chronicleTransferDebugger?: DebuggerService<TransferState> };

/** Transfer streams are short: their state at a version is a fold from the first event, with no snapshots. */
const transferDebugger = (): DebuggerService<TransferState> =>
  (transferHolder.chronicleTransferDebugger ??= new DebuggerService<TransferState>({
    store: eventStore(),
    stateAt: async (streamId, version) => ({
      state: fold(transferDecider, (version === 0 ? [] : await eventStore().readStream(streamId, { toVersion: version })) as unknown as TransferEvent[]),
      version,
    }),
    initialState: transferDecider.initialState,
    evolve: (state, event) => transferDecider.evolve(state, event as unknown as TransferEvent),
    snapshots: null,
    signedAmount: () => null,
  }));

/** The debugger for a stream's kind: transfers fold with the transfer decider, everything else as an account. */
export const debuggerFor = (streamId: string): DebuggerService<unknown> =>
  (streamCategory(streamId) === TRANSFER_CATEGORY ? transferDebugger() : accountDebugger()) as DebuggerService<unknown>;
