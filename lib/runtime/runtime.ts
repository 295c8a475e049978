import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Access } from '../auth/access';
import { StreamOwners } from '../auth/stream-owners';
import { createAggregateLoader } from '../commands/aggregate-loaders';
import { CommandBus } from '../commands/command-bus';
import type { CommandContext, DispatchResult } from '../commands/dispatch';
import { assertClientCommandId } from '../commands/validation';
import type { Principal } from '../auth/principal';
import { UserDirectory } from '../auth/user-directory';
import type { AnyAggregate } from '../core/aggregate';
import type { CommandJournal } from '../core/command-journal';
import type { AggregateLoader } from '../core/aggregate-loader';
import { AggregateRegistry } from '../core/aggregate-registry';
import type { SnapshotStore } from '../core/snapshots';
import { upcastingStore } from '../core/upcasting-store';
import { protectedStore, type ProtectedEventStore } from '../core/personal-data/personal-data-store';
import type { DebuggerService } from '../debugger/debugger-service';
import { notificationsConfig } from '../notifications/notifications-config';
import { NotificationsStore } from '../notifications/notifications-store';
import { OutboxStore } from '../outbox/outbox-store';
import { ProjectionManager } from '../projections/projection-manager';
import type { Projection } from '../projections/projection';
import { PROJECTIONS } from '../views/registry';
import { BoundedCommandJournal } from '../read/bounded-command-journal';
import { PrismaCommandJournal } from '../read/prisma-command-journal';
import { readModelQueries, type ReadModelQueries } from '../views/read-model-queries';
import { createReadDb, type ReadDb } from '../read/read-db';
import { AppendSignal } from '../store/append-signal';
import { createStoredEventStore, signallingAppends, type EventStoreOverrides } from '../store/create-event-store';
import { createSnapshotStore } from '../store/create-snapshot-store';
import { createDataKeyTable, CustomerKeyVault } from '../store/personal-data/customer-key-vault';
import { resolveMasterKey } from '../store/personal-data/master-key-config';
import { createTransferSaga } from '../transfer/create-transfer-saga';
import type { TransferSaga } from '../transfer/transfer-saga';
import { AGGREGATES } from './aggregates';
import { debuggerFor } from './debuggers';
import { PERSONAL_COMMAND_INPUTS, PERSONAL_DATA, subjectsOf } from './personal-data';
import { startMessaging, type Messaging } from './messaging';
import { runtimeConfig, type RuntimeConfig } from './runtime-config';

export type RuntimeOptions = {
  config?: RuntimeConfig;
  /** The environment the configuration is read from when none is given (default process.env). */
  env?: Record<string, string | undefined>;
  aggregates?: readonly AnyAggregate[];
  projections?: readonly Projection[];
  /** The store's clock and durability, for bulk imports and tests. */
  store?: EventStoreOverrides;
  log?: (line: string) => void;
  /** Who may sign in: by default the users' streams in this runtime's store (tests pass a directory of their own). */
  users?: UserDirectory;
  /** How often the workers look for other processes' appends when nothing wakes them (default 500 ms). */
  pollMs?: number;
  /** The folder whose data/ keeps demo mode's master key (default the working folder; the CLI passes the project's root). */
  dataRoot?: string;
};

/** What `start()` runs in this process; by default what the configuration says. */
export type StartOptions = { projections?: boolean; transfers?: boolean; messaging?: boolean };

/**
 * The composition root: everything a process needs, built once from its configuration and passed
 * on; nothing below reaches for a global. The web server keeps one (lib/runtime/process-runtime.ts); the
 * projector, the saga and relay processes, the CLI, the seed, scripts and tests each build their own.
 * Connections open on first use, so a script pays only for what it touches.
 */
export class Runtime {
  readonly config: RuntimeConfig;
  readonly aggregates: AggregateRegistry;
  readonly projectionList: readonly Projection[];
  /** Appends made through this runtime's store, announced to its workers and live streams. */
  readonly appends = new AppendSignal();
  /** Names this process in leases and logs. */
  readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  readonly log: (line: string) => void;
  private readonly closers: Array<() => Promise<unknown>> = [];
  private readonly cache = new Map<string, unknown>();
  private messagingStarted: Promise<Messaging> | null = null;

  constructor(private readonly options: RuntimeOptions = {}) {
    this.config = options.config ?? runtimeConfig(options.env);
    this.aggregates = new AggregateRegistry(options.aggregates ?? AGGREGATES);
    this.projectionList = options.projections ?? PROJECTIONS;
    this.log = options.log ?? ((line) => console.log(line));
  }

  /**
   * The event store every reader and writer uses: personal fields sealed on append and opened on
   * read (lib/core/personal-data), upcast by every aggregate's chains, appends announced.
   */
  get store(): ProtectedEventStore {
    return this.once('store', () => {
      const stored = createStoredEventStore(this.config.database, this.options.store);
      this.closers.push(() => stored.close());
      const signalled = signallingAppends(stored, this.appends);
      // The vault opens its table on first use, so a process that reads no sealed field never connects to it.
      const vault = { seal: (...args: Parameters<CustomerKeyVault['seal']>) => this.personalData.seal(...args), open: (...args: Parameters<CustomerKeyVault['open']>) => this.personalData.open(...args) };
      return protectedStore(signalled, this.aggregates.upcasters, {
        rules: PERSONAL_DATA,
        commandInputs: PERSONAL_COMMAND_INPUTS,
        vault,
        subjectOf: subjectsOf(upcastingStore(signalled, this.aggregates.upcasters), this.aggregates),
      });
    });
  }

  /** Customers' data keys, wrapped by CHRONICLE_DATA_KEY (demo mode: data/customer-data-key, said on stderr so a CLI's --json output stays clean); erasure destroys them. */
  get personalData(): CustomerKeyVault {
    return this.once('personalData', () => {
      const vault = new CustomerKeyVault(createDataKeyTable(this.config.database), resolveMasterKey(this.options.env ?? process.env, { root: this.options.dataRoot, log: this.options.log ?? ((line) => console.warn(line)) }));
      this.closers.push(() => vault.close());
      return vault;
    });
  }

  get snapshots(): SnapshotStore | null {
    return this.once('snapshots', () => {
      if (this.config.snapshotEvery === 0) return null;
      const snapshots = createSnapshotStore(this.config.database);
      this.closers.push(() => snapshots.close());
      return snapshots;
    });
  }

  /** An aggregate's loader: hot streams cached, long ones from snapshots. */
  loader<State = unknown, Event = unknown>(aggregate: string): AggregateLoader<State, Event> {
    return this.once(`loader:${aggregate}`, () =>
      createAggregateLoader<State, Event>(this.store, this.aggregates.named(aggregate), {
        snapshots: this.aggregates.named(aggregate).stateSchemaVersion === undefined ? null : this.snapshots,
        every: this.config.snapshotEvery,
        cache: true,
      }),
    );
  }

  get commands(): CommandBus {
    return this.once('commands', () => new CommandBus(this.store, this.aggregates, (aggregate) => this.loader<never, never>(aggregate), this.journal));
  }

  /** Commands that did not become events, for the debugger (refused, or lost to a concurrent writer). */
  get journal(): CommandJournal {
    return this.once('journal', () => new BoundedCommandJournal(new PrismaCommandJournal(this.readDb), this.config.journal));
  }

  /**
   * A command from a signed-in person: authorised once (who they are, and whose stream it is),
   * then dispatched with them as the actor. Nothing is written when they may not.
   */
  async sendAs(
    principal: Principal | null,
    aggregate: string,
    command: string,
    id: string | undefined,
    input: Record<string, unknown>,
    context: Omit<CommandContext, 'actor'>,
  ): Promise<DispatchResult> {
    const definition = this.aggregates.named(aggregate);
    assertClientCommandId(context.commandId);
    const allowed = await this.access.command(principal, definition, command, id, input);
    return this.commands.send(aggregate, command, id, allowed.input, { ...context, actor: allowed.actor.id });
  }

  get access(): Access {
    return this.once('access', () => new Access(new StreamOwners(this.store, this.aggregates), this.aggregates, this.config.customers));
  }

  /** Who may sign in, read from the users' own streams. */
  get users(): UserDirectory {
    return this.once('users', () => this.options.users ?? new UserDirectory(this.store));
  }

  get readDb(): ReadDb {
    return this.once('readDb', () => {
      const db = createReadDb(this.config.database);
      this.closers.push(() => db.$disconnect());
      return db;
    });
  }

  /** This process's projection manager: running when started here, otherwise it only reads the checkpoints others write. */
  get projections(): ProjectionManager {
    return this.once('projections', () => {
      const manager = new ProjectionManager(this.store, this.readDb, this.projectionList, {
        holder: this.holder,
        pollMs: this.options.pollMs,
        log: (message) => this.log(`[projections] ${message}`),
      });
      this.appends.onAppended(() => manager.notify());
      return manager;
    });
  }

  get queries(): ReadModelQueries {
    return this.once('queries', () => readModelQueries(this.readDb));
  }

  get transfers(): TransferSaga {
    return this.once('transfers', () => {
      const saga = createTransferSaga(this.store, this.readDb, this.config.transfers, {
        holder: this.holder,
        pollMs: this.options.pollMs,
        commands: this.commands,
        log: (message) => this.log(`[transfers] ${message}`),
      });
      this.appends.onAppended(() => saga.notify());
      return saga;
    });
  }

  get outbox(): OutboxStore {
    return this.once('outbox', () => new OutboxStore(this.readDb));
  }

  get notifications(): NotificationsStore {
    return this.once('notifications', () => new NotificationsStore(this.readDb));
  }

  /** The debugger for a stream, folding it with its own aggregate's decider. */
  debuggerFor(streamId: string): DebuggerService<unknown> {
    return debuggerFor(this, streamId, this.cache);
  }

  /** The bus, the outbox relay and the notifications consumer, started once (see CHRONICLE_IN_PROCESS_RELAY / _NOTIFICATIONS). */
  messaging(): Promise<Messaging> {
    this.messagingStarted ??= startMessaging(this, notificationsConfig()).catch((error: unknown) => {
      this.messagingStarted = null;
      throw error;
    });
    return this.messagingStarted;
  }

  /** The relay running in this process, if one is started: a retried message need not wait for its next poll. */
  async wakeRelay(): Promise<void> {
    if (this.messagingStarted) (await this.messagingStarted.catch(() => null))?.relay?.notify();
  }

  /** Starts the background work this process runs: projections, transfers, the relay and consumers. */
  async start(options: StartOptions = {}): Promise<void> {
    if (options.transfers ?? this.config.inProcess.transfers) this.transfers.start();
    if (options.messaging ?? true) void this.messaging().catch((error: unknown) => console.error('[messaging] failed to start', error));
    if (options.projections ?? this.config.inProcess.projections) {
      void this.projections.start().catch((error: unknown) => console.error('[projections] failed to start', error));
    }
  }

  /** Stops the workers and closes every connection this runtime opened (last opened, first closed). */
  async close(): Promise<void> {
    const saga = this.cache.get('transfers') as TransferSaga | undefined;
    const manager = this.cache.get('projections') as ProjectionManager | undefined;
    await saga?.stop().catch(() => undefined);
    await manager?.stop().catch(() => undefined);
    if (this.messagingStarted) await (await this.messagingStarted.catch(() => null))?.stop().catch(() => undefined);
    for (const close of this.closers.reverse()) await close().catch(() => undefined);
    this.closers.length = 0;
    this.cache.clear();
  }

  private once<T>(key: string, make: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, make());
    return this.cache.get(key) as T;
  }
}

export const createRuntime = (options: RuntimeOptions = {}): Runtime => new Runtime(options);
