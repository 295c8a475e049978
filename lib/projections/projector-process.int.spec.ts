import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ProjectionManager } from './projection-manager';
import { PROJECTIONS } from '../views/registry';
import { generateActivity } from '../commands/testing/activity';
import { projectedSummaries, replayedSummaries } from './testing/expected-summaries';
import { readSideBackends } from '../read/testing/read-side-backends';

const backends = await readSideBackends();

const startProjector = (databaseUrl: string): ChildProcess =>
  spawn(process.execPath, ['--import', 'tsx', 'scripts/projector.ts', '--poll-ms', '20'], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

describe.each(backends)('npm run projector beside a writing server process on $name', ({ create }) => {
  it('both project at once through leases; the read models equal a replay', async () => {
    const { url, store, db, cleanup } = await create();
    const manager = new ProjectionManager(store, db, PROJECTIONS, { batchSize: 10, pollMs: 20 });
    const projector = startProjector(url);
    let output = '';
    projector.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    projector.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await manager.start();
      await generateActivity(store, 4, 150);
      expect(await manager.waitForPosition(await store.headPosition(), 30_000)).toBe(true);
      expect(await projectedSummaries(db)).toEqual(await replayedSummaries(store));
      expect((await manager.status()).every((s) => s.status === 'live' && s.lastError === null)).toBe(true);
      expect(output).toContain('[projector] running');
    } finally {
      projector.kill('SIGTERM');
      await once(projector, 'exit');
      await manager.stop();
      await cleanup();
    }
  });
});
