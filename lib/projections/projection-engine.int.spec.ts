import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../core/envelope';
import { accountSummaryProjection, type AccountSummaryDocument } from '../views/account-summary/projection';
import type { Projection } from './projection';
import { ProjectionManager } from './projection-manager';
import { PROJECTIONS } from '../views/registry';
import { generateActivity } from '../commands/testing/activity';
import { projectedSummaries, replayedSummaries } from './testing/expected-summaries';
import { readSideBackends } from '../read/testing/read-side-backends';

const backends = await readSideBackends();

/** The summary projection with a switch that makes it throw on one event, as a bug would. */
const breakable = (failOn: (event: RecordedEvent) => boolean) => {
  const state = { broken: true };
  const projection: Projection<AccountSummaryDocument> = {
    ...accountSummaryProjection,
    evolve: (document, event, id) => {
      if (state.broken && failOn(event)) throw new Error(`cannot fold ${event.type} at ${event.globalPosition}`);
      return accountSummaryProjection.evolve(document, event, id);
    },
  };
  return { projection, fix: () => (state.broken = false) };
};

describe.each(backends)('projection engine on $name', ({ name, create }) => {
  it('folds every event exactly once, however often it is run', async () => {
    const { store, db, cleanup } = await create();
    try {
      await generateActivity(store, 4, 40);
      const manager = new ProjectionManager(store, db, PROJECTIONS, { batchSize: 7 });
      await manager.catchUp();
      await manager.catchUp();
      expect(await projectedSummaries(db)).toEqual(await replayedSummaries(store));
      const status = await manager.status();
      expect(status.map((s) => s.lag.events)).toEqual([0, 0, 0]);
      const totals = await db.bankCurrencyTotal.findMany({ where: { generation: 1 } });
      const summaries = Object.values(await replayedSummaries(store));
      expect(totals.reduce((sum, row) => sum + Number(row.balance), 0)).toBe(summaries.reduce((sum, s) => sum + s.balance, 0));
    } finally {
      await cleanup();
    }
  });

  it('keeps up with writes while running, in the same process as the writer', async () => {
    const { store, db, cleanup } = await create();
    const manager = new ProjectionManager(store, db, PROJECTIONS, { batchSize: 20, pollMs: 10 });
    try {
      await manager.start();
      await Promise.all([generateActivity(store, 3, 120, 'x'), generateActivity(store, 3, 120, 'y')]);
      expect(await manager.waitForPosition(await store.headPosition(), 20_000)).toBe(true);
      expect((await manager.status()).map((s) => s.status)).toEqual(['live', 'live', 'live']);
      expect(await projectedSummaries(db)).toEqual(await replayedSummaries(store));
    } finally {
      await manager.stop();
      await cleanup();
    }
  });

  it('rolls back a batch that dies before commit and applies it once on resume', async () => {
    const { store, db, cleanup } = await create();
    try {
      await generateActivity(store, 3, 20);
      const crashing = breakable((event) => event.globalPosition === 12);
      // A crash looks like a transient failure: the batch is rolled back and nothing is recorded as failed.
      const crashingProjection: Projection<AccountSummaryDocument> = {
        ...crashing.projection,
        evolve: (document, event, id) => {
          if (event.globalPosition === 12) throw Object.assign(new Error('SQLITE_BUSY: simulated crash'), { code: 'SQLITE_BUSY' });
          return accountSummaryProjection.evolve(document, event, id);
        },
      };
      const first = new ProjectionManager(store, db, [crashingProjection], { batchSize: 50, leaseMs: 50 });
      await first.catchUp();
      expect((await first.status())[0]!.checkpoint).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 60));
      const second = new ProjectionManager(store, db, [accountSummaryProjection], { batchSize: 50 });
      await second.catchUp();
      expect(await projectedSummaries(db)).toEqual(await replayedSummaries(store));
    } finally {
      await cleanup();
    }
  });

  it('stops at the event a projection cannot fold, reports it, and resumes after a fix', async () => {
    const { store, db, cleanup } = await create();
    try {
      await generateActivity(store, 3, 20);
      const { projection, fix } = breakable((event) => event.globalPosition === 9);
      const manager = new ProjectionManager(store, db, [projection], { batchSize: 50 });
      await manager.catchUp();
      const [status] = await manager.status();
      expect(status).toMatchObject({ status: 'failed', checkpoint: 8, lastError: { position: 9 } });
      expect(status!.lastError!.message).toContain('cannot fold');
      await manager.catchUp();
      expect((await manager.status())[0]!.checkpoint).toBe(8);
      fix();
      await manager.checkpoints.resume(projection.name, 1);
      await manager.catchUp();
      expect((await manager.status())[0]).toMatchObject({ status: 'live', lastError: null, lag: { events: 0 } });
      expect(await projectedSummaries(db)).toEqual(await replayedSummaries(store));
    } finally {
      await cleanup();
    }
  });

  // Found by bench/reliability/crash.ts: a projector beside a busy server met SQLITE_BUSY mid-batch, Prisma called it
  // "Operation has timed out", and the projection stopped for good as if its code were broken.
  it.runIf(name === 'SQLite')('waits out a write lock held by another process instead of failing the projection', async () => {
    const { store, db, url, cleanup } = await create();
    const otherProcess = new Database(url.replace(/^file:/, ''));
    try {
      await generateActivity(store, 2, 10);
      let lockTaken = false;
      const projection: Projection<AccountSummaryDocument> = {
        ...accountSummaryProjection,
        evolve: (document, event, id) => {
          // Another writer takes the lock after the batch began and keeps it past the read side's busy timeout.
          if (!lockTaken) otherProcess.prepare('BEGIN IMMEDIATE').run();
          lockTaken = true;
          return accountSummaryProjection.evolve(document, event, id);
        },
      };
      const manager = new ProjectionManager(store, db, [projection], { batchSize: 5 });
      await manager.catchUp();
      expect((await manager.status())[0]).toMatchObject({ status: 'live', lastError: null, checkpoint: 0 });

      otherProcess.prepare('ROLLBACK').run();
      await manager.catchUp();
      expect((await manager.status())[0]).toMatchObject({ status: 'live', lastError: null, lag: { events: 0 } });
      expect(await projectedSummaries(db)).toEqual(await replayedSummaries(store));
    } finally {
      otherProcess.close();
      await cleanup();
    }
  });

  // Found by the short kill -9 run in CI: a projector restarted while the server was writing met SQLITE_BUSY while
  // registering its projections, and the process exited, leaving nobody to project.
  it.runIf(name === 'SQLite')('starts while another process holds the write lock, once the lock is released', async () => {
    const { store, db, url, cleanup } = await create();
    const otherProcess = new Database(url.replace(/^file:/, ''));
    const manager = new ProjectionManager(store, db, PROJECTIONS, { pollMs: 50 });
    try {
      await generateActivity(store, 2, 10);
      otherProcess.prepare('BEGIN IMMEDIATE').run();
      // Timers run only between the read side's blocking busy waits: this releases the lock after the first attempt failed.
      setTimeout(() => otherProcess.prepare('ROLLBACK').run(), 500);
      await manager.start();
      expect(await manager.waitForPosition(await store.headPosition(), 20_000)).toBe(true);
      expect(await projectedSummaries(db)).toEqual(await replayedSummaries(store));
    } finally {
      await manager.stop();
      otherProcess.close();
      await cleanup();
    }
  });

  // Found by `npm run demo:cluster`: two projectors starting together on a new PostgreSQL database both
  // found the projection unregistered, one insert lost, and that projector exited.
  it('registers a projection once when several projectors start at the same moment', async () => {
    const { store, openDb, cleanup } = await create();
    try {
      const managers = Array.from({ length: 4 }, (_, i) => new ProjectionManager(store, openDb(), [accountSummaryProjection], { holder: `p${i}`, pollMs: 50 }));
      try {
        await Promise.all(managers.map((manager) => manager.start()));
        expect((await managers[0]!.checkpoints.list('account-summary')).map((checkpoint) => checkpoint.generation)).toEqual([1]);
      } finally {
        await Promise.all(managers.map((manager) => manager.stop()));
      }
    } finally {
      await cleanup();
    }
  });

  it('lets one holder write a projection at a time; an expired lease is taken over', async () => {
    const { store, db, openDb, cleanup } = await create();
    try {
      await generateActivity(store, 3, 30);
      const a = new ProjectionManager(store, db, [accountSummaryProjection], { holder: 'a', batchSize: 5, leaseMs: 60_000 });
      const b = new ProjectionManager(store, openDb(), [accountSummaryProjection], { holder: 'b', batchSize: 5, leaseMs: 60_000 });
      await a.checkpoints.ensureProjection('account-summary', accountSummaryProjection.version);
      expect(await a.checkpoints.acquireLease('account-summary', 1, 'a', 60_000)).toBe(true);
      await b.catchUp();
      expect((await b.status())[0]!.checkpoint).toBe(0);
      await Promise.all([a.catchUp(), b.catchUp()]);
      expect(await projectedSummaries(db)).toEqual(await replayedSummaries(store));

      // A holder that died keeps its lease only until it expires.
      await generateActivity(store, 1, 5, 'late');
      expect(await a.checkpoints.acquireLease('account-summary', 1, 'dead', 0)).toBe(false);
      await db.projectionCheckpoint.update({
        where: { projection_generation: { projection: 'account-summary', generation: 1 } },
        data: { leaseHolder: 'dead', leaseExpiresAt: new Date(Date.now() - 1) },
      });
      await b.catchUp();
      expect(await projectedSummaries(db)).toEqual(await replayedSummaries(store));
    } finally {
      await cleanup();
    }
  });

  it('rebuilds beside the live generation while writes continue, then switches and drops the old rows', async () => {
    const { store, db, cleanup } = await create();
    try {
      await generateActivity(store, 4, 60);
      const manager = new ProjectionManager(store, db, PROJECTIONS, { batchSize: 10 });
      await manager.catchUp();
      const generation = await manager.startRebuild(accountSummaryProjection);
      expect(generation).toBe(2);
      const writes = generateActivity(store, 2, 30, 'during');
      const progress: number[] = [];
      await Promise.all([writes, manager.runBuild(accountSummaryProjection, generation, (position) => progress.push(position))]);
      await manager.catchUp();
      expect(progress.length).toBeGreaterThan(1);
      expect(await db.projection.findUnique({ where: { name: 'account-summary' } })).toMatchObject({ activeGeneration: 2 });
      expect(await db.accountSummary.count({ where: { generation: 1 } })).toBe(0);
      expect(await projectedSummaries(db)).toEqual(await replayedSummaries(store));
    } finally {
      await cleanup();
    }
  });

  it('rebuilds a projection whose version changed and switches once caught up', async () => {
    const { store, db, cleanup } = await create();
    try {
      await generateActivity(store, 2, 10);
      await new ProjectionManager(store, db, [accountSummaryProjection]).catchUp();
      const next: Projection<AccountSummaryDocument> = { ...accountSummaryProjection, version: accountSummaryProjection.version + 1 };
      const manager = new ProjectionManager(store, db, [next], { batchSize: 4 });
      await manager.catchUp();
      const checkpoints = await manager.checkpoints.list('account-summary');
      expect(checkpoints.map((c) => [c.generation, c.version, c.status])).toEqual([[2, next.version, 'live']]);
      expect(await projectedSummaries(db)).toEqual(await replayedSummaries(store));
    } finally {
      await cleanup();
    }
  });
});
