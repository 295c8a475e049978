import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '../core/event-store';
import { dispatchAccountCommand } from '../commands/account-commands';
import { createRuntime } from '../runtime/runtime';
import { runtimeConfig } from '../runtime/runtime-config';
import { testBackends, type TestBackend } from '../store/testing/backends';
import { spacedJson } from './format';
import { runChronicle } from './testing/run-chronicle';
import { runInProcess } from './testing/run-in-process';

const backends = await testBackends();
const SLOW = 240_000;
const at = (iso: string) => new Date(iso);

/** account-legacy-7: two events the legacy system wrote (schema v1, decimal amounts), then a withdrawal of today's shape. */
const seedLegacyAccount = async (url: string) => {
  let now = at('2026-05-03T09:00:00Z');
  const store = createRuntime({ config: runtimeConfig({ DATABASE_URL: url }), store: { clock: () => now } }).store;
  try {
    await store.stored.appendToStream('account-legacy-7', [
      { type: 'AccountOpened', schemaVersion: 1, data: { accountId: 'legacy-7', name: 'Margaret Keller', openedAt: '2026-05-03T09:00:00.000Z' } },
    ]);
    now = at('2026-05-04T09:00:00Z');
    await store.stored.appendToStream('account-legacy-7', [
      { type: 'MoneyDeposited', schemaVersion: 1, data: { accountId: 'legacy-7', amount: 12.5, depositedAt: '2026-05-04T09:00:00.000Z' } },
    ]);
    now = at('2026-05-05T09:00:00Z');
    await dispatchAccountCommand(store, 'withdraw', 'legacy-7', { amount: 250, description: 'Rent' }, { actor: 'test', now });
  } finally {
    await store.close();
  }
};

const json = (run: { stdout: string }) => JSON.parse(run.stdout) as Record<string, unknown> & { state: Record<string, unknown> };
const jsonLines = (text: string) => text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe.each(backends)('chronicle on $name', ({ create }) => {
  let backend: TestBackend;
  let store: EventStore;
  let folder: string;
  /** Through the bin, in a child process; `inProcess` runs the same command line here, for the cheaper checks. */
  const cli = (...args: string[]) => runChronicle(args, { databaseUrl: backend.url });
  const inProcess = (...args: string[]) => runInProcess(args, { DATABASE_URL: backend.url });

  beforeAll(async () => {
    backend = await create();
    store = backend.open();
    folder = mkdtempSync(join(tmpdir(), 'chronicle-cli-'));
    await seedLegacyAccount(backend.url);
  });
  afterAll(async () => {
    await backend.cleanup();
    rmSync(folder, { recursive: true, force: true });
  });

  it('lists events in the ledger format: position, UTC time, type, data', async () => {
    const [all, raw, json] = await Promise.all([
      cli('list', '--stream', 'account-legacy-7'),
      inProcess('list', '--stream', 'account-legacy-7', '--from', '2', '--limit', '1', '--raw'),
      inProcess('list', '--category', 'account', '--json', '--limit', '2'),
    ]);
    expect(all.code).toBe(0);
    // The data's key order is the database's (PostgreSQL's jsonb sorts keys), so lines are compared as prefix and data.
    const lines = all.stdout.trimEnd().split('\n').map((line) => /^(\[\d{3,}\] \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \| \w+ \| )(.*)$/.exec(line)!);
    expect(lines.map((match) => match[1])).toEqual([
      '[001] 2026-05-03 09:00:00 | AccountOpened | ',
      '[002] 2026-05-04 09:00:00 | MoneyDeposited | ',
      '[003] 2026-05-05 09:00:00 | MoneyWithdrawn | ',
    ]);
    for (const match of lines) expect(match[2]).toBe(spacedJson(JSON.parse(match[2]!)));
    expect(lines.map((match) => JSON.parse(match[2]!))).toEqual([
      { accountId: 'legacy-7', holder: { name: 'Margaret Keller', kind: 'person' }, customerId: 'margaret-keller', currency: 'EUR', overdraftLimit: 0, openedAt: '2026-05-03T09:00:00.000Z' },
      { accountId: 'legacy-7', amount: 1250, currency: 'EUR', description: 'Deposit', depositedAt: '2026-05-04T09:00:00.000Z' },
      { accountId: 'legacy-7', amount: 250, currency: 'EUR', description: 'Rent', withdrawnAt: '2026-05-05T09:00:00.000Z' },
    ]);
    expect(raw.stdout).toMatch(/^\[002\] 2026-05-04 09:00:00 \| MoneyDeposited \| \{.*"amount": 12\.5.*\}\n$/);
    const envelopes = jsonLines(json.stdout);
    expect(envelopes).toHaveLength(2);
    expect(envelopes[1]).toMatchObject({ streamId: 'account-legacy-7', streamVersion: 2, globalPosition: 2, schemaVersion: 2, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  }, SLOW);

  it('replays an account at its head, at a version and at a time', async () => {
    const [head, first, atNoon, before, steps, tooFar, missing, noDecider] = await Promise.all([
      cli('replay', 'account-legacy-7', '--json'),
      inProcess('replay', 'account-legacy-7', '--version', '1', '--json'),
      cli('replay', 'account-legacy-7', '--at', '2026-05-04T12:00:00Z', '--json'),
      inProcess('replay', 'account-legacy-7', '--at', '2026-05-01', '--json'),
      cli('replay', 'account-legacy-7', '--version', '2', '--steps'),
      cli('replay', 'account-legacy-7', '--version', '9'),
      inProcess('replay', 'account-nobody'),
      inProcess('replay', 'ops-notes'),
    ]);
    expect(head.code).toBe(0);
    expect(json(head)).toMatchObject({ streamId: 'account-legacy-7', version: 3, head: 3, recordedAt: '2026-05-05T09:00:00.000Z' });
    expect(json(head).state).toMatchObject({ status: 'open', balance: 1000, currency: 'EUR' });
    expect(json(first)).toMatchObject({ version: 1, state: { status: 'open', balance: 0, holder: { name: 'Margaret Keller', kind: 'person' } } });
    expect(json(atNoon)).toMatchObject({ version: 2, recordedAt: '2026-05-04T09:00:00.000Z', state: { balance: 1250 } });
    expect(json(before)).toMatchObject({ version: 0, recordedAt: null, state: { status: 'none' } });
    const lines = steps.stdout.trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[2]).toMatch(/^\[002\] 2026-05-04 09:00:00 \| MoneyDeposited \| /);
    expect(lines[3]).toContain('v2 → {"status": "open"');
    expect(lines[3]).toContain('"balance": 1250');
    expect(lines[4]).toBe('account-legacy-7 at version 2 of 3');
    expect(tooFar).toMatchObject({ code: 5, stderr: expect.stringContaining('has no version 9; its head is 3') });
    expect(missing).toMatchObject({ code: 5, stderr: expect.stringContaining('account-nobody does not exist') });
    expect(noDecider).toMatchObject({ code: 2, stderr: expect.stringContaining('no decider') });
  }, SLOW);

  it('appends through the decider; refused or malformed commands write nothing', async () => {
    const opened = await cli('append', 'account-cli-ada', 'open', '{"owner": "Ada Lovelace", "currency": "EUR"}', '--json');
    expect(opened.code).toBe(0);
    expect(json(opened)).toMatchObject({ streamId: 'account-cli-ada', version: 1, duplicate: false });

    const [deposit, overdrawn, fractional, badJson, eventType, rawOnAccount, note, noDecider] = await Promise.all([
      cli('append', 'account-cli-ada', 'DepositMoney', '{"amount": 1250}', '--command-id', 'deposit-1'),
      cli('append', 'account-cli-ada', 'withdraw', '{"amount": 999999}'),
      cli('append', 'account-cli-ada', 'deposit', '{"amount": 12.5}'),
      inProcess('append', 'account-cli-ada', 'deposit', '{"amount": 1'),
      cli('append', 'account-cli-ada', 'MoneyDeposited', '{"amount": 1}'),
      inProcess('append', 'account-cli-ada', 'NoteRecorded', '{}', '--raw'),
      cli('append', 'ops-notes', 'NoteRecorded', '{"text": "cash count ok"}', '--raw', '--expected-version', 'no_stream'),
      inProcess('append', 'ops-notes', 'deposit', '{}'),
    ]);
    expect(deposit).toMatchObject({ code: 0, stdout: expect.stringMatching(/^DepositMoney → account-cli-ada version 2 \(global position \d+\)\n$/) });
    expect(overdrawn).toMatchObject({ code: 4, stderr: expect.stringContaining('(insufficient_funds)') });
    expect(fractional).toMatchObject({ code: 3, stderr: expect.stringContaining('amount: Amount must be a whole number of minor units') });
    expect(badJson).toMatchObject({ code: 3, stderr: expect.stringContaining('DATA_JSON is not valid JSON') });
    expect(eventType).toMatchObject({ code: 2, stderr: expect.stringContaining('MoneyDeposited is an event') });
    expect(rawOnAccount).toMatchObject({ code: 2, stderr: expect.stringContaining('send a command instead of --raw') });
    expect(note).toMatchObject({ code: 0, stdout: expect.stringContaining('NoteRecorded → ops-notes version 1') });
    expect(noDecider).toMatchObject({ code: 2, stderr: expect.stringContaining('use --raw') });

    const [again, conflict] = await Promise.all([
      inProcess('append', 'account-cli-ada', 'deposit', '{"amount": 1250}', '--command-id', 'deposit-1'),
      cli('append', 'ops-notes', 'NoteRecorded', '{"text": "twice"}', '--raw', '--expected-version', 'no_stream'),
    ]);
    expect(again).toMatchObject({ code: 0, stdout: expect.stringContaining('already recorded under this command id: nothing written') });
    expect(conflict).toMatchObject({ code: 6, stderr: expect.stringContaining('ops-notes is at version 1, expected no_stream') });

    const events = await store.readStream('account-cli-ada');
    expect(events.map((event) => [event.type, (event.data as { amount?: number }).amount])).toEqual([
      ['AccountOpened', undefined],
      ['MoneyDeposited', 1250],
    ]);
    expect(events[1]!.metadata).toMatchObject({ actor: expect.stringMatching(/^cli:.+/), commandId: 'deposit-1' });
    expect((await store.readStream('ops-notes')).map((event) => event.data)).toEqual([{ text: 'cash count ok' }]);
  }, SLOW);

  it('exports a stream and imports it into a fresh database: same states, same hash chain', async () => {
    const file = join(folder, 'legacy-7.jsonl');
    expect(await cli('export', 'account-legacy-7', '--out', file)).toMatchObject({ code: 0, stderr: expect.stringContaining('Exported 3 events') });
    const exported = jsonLines(readFileSync(file, 'utf8'));
    expect(exported.map((line) => [line.streamVersion, line.schemaVersion, line.type])).toEqual([
      [1, 1, 'AccountOpened'],
      [2, 1, 'MoneyDeposited'],
      [3, 2, 'MoneyWithdrawn'],
    ]);
    const tampered = join(folder, 'tampered.jsonl');
    writeFileSync(tampered, readFileSync(file, 'utf8').replace('"amount":12.5', '"amount":125'));

    const fresh = await create();
    const inFresh = (...args: string[]) => runChronicle(args, { databaseUrl: fresh.url });
    try {
      await store.appendToStream('archive-taken', [{ type: 'NoteRecorded', data: {} }]);
      const [imported, refusedTampered, taken, renamed] = await Promise.all([
        inFresh('import', file),
        inFresh('import', tampered, '--stream', 'archive-legacy-7'),
        runInProcess(['import', file, '--stream', 'archive-taken'], { DATABASE_URL: backend.url }),
        runInProcess(['import', file, '--stream', 'archive-legacy-7', '--json'], { DATABASE_URL: backend.url }),
      ]);
      expect(imported).toMatchObject({ code: 0, stdout: expect.stringContaining('Imported 3 events of account-legacy-7 as account-legacy-7') });
      expect(imported.stdout).toContain(`Hash chain reproduced: head hash ${exported[2]!.hash as string}`);
      expect(refusedTampered).toMatchObject({ code: 8, stderr: expect.stringContaining('version 2 does not match its hash') });
      expect(taken).toMatchObject({ code: 6, stderr: expect.stringContaining('Stream archive-taken already exists (version 1)') });
      expect(json(renamed)).toMatchObject({ source: 'account-legacy-7', target: 'archive-legacy-7', imported: 3, identicalHashes: false });

      const replays = ['--version=1', '--version=2', '--at=2026-05-04T12:00:00Z', '--version=3'];
      const [original, copied, again, reexport, copyList] = await Promise.all([
        Promise.all(replays.map((option) => runInProcess(['replay', 'account-legacy-7', option, '--json'], { DATABASE_URL: backend.url }))),
        Promise.all(replays.map((option) => runInProcess(['replay', 'account-legacy-7', option, '--json'], { DATABASE_URL: fresh.url }))),
        runInProcess(['import', file], { DATABASE_URL: fresh.url }),
        inFresh('export', 'account-legacy-7'),
        inProcess('list', '--stream', 'archive-legacy-7', '--json'),
      ]);
      expect(copied.map((run) => json(run))).toEqual(original.map((run) => json(run)));
      expect(copied.map((run) => json(run).version)).toEqual([1, 2, 2, 3]);
      expect(again).toMatchObject({ code: 0, stdout: expect.stringContaining('already holds all 3 events') });
      const withoutPositions = (lines: Record<string, unknown>[]) => lines.map(({ globalPosition: _position, ...rest }) => rest);
      expect(withoutPositions(jsonLines(reexport.stdout))).toEqual(withoutPositions(exported));
      expect(jsonLines(copyList.stdout)[1]!.metadata).toMatchObject({ migratedFrom: { streamId: 'account-legacy-7', version: 2, eventId: exported[1]!.eventId } });
      expect(await fresh.open().streamExists('archive-legacy-7')).toBe(false);
    } finally {
      await fresh.cleanup();
    }
  }, SLOW);

  it('takes, lists and deletes snapshots; replay answers the same from one', async () => {
    const taken = await cli('snapshot', 'account-legacy-7', '--json');
    expect(json(taken)).toMatchObject({ streamId: 'account-legacy-7', version: 3 });
    const [listed, replayed] = await Promise.all([inProcess('snapshot', 'list', 'account-legacy-7', '--json'), inProcess('replay', 'account-legacy-7', '--json')]);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ version: 3, current: true })]);
    expect(json(replayed).state).toMatchObject({ balance: 1000 });
    expect(await inProcess('snapshot', 'delete', 'account-legacy-7')).toMatchObject({ code: 0, stdout: 'Deleted 1 snapshot(s) of account-legacy-7.\n' });
    expect(await inProcess('snapshot', 'ops-notes')).toMatchObject({ code: 2, stderr: expect.stringContaining('ops-notes is not such a stream') });
  }, SLOW);

  it('appends safely while another connection appends to the same account', async () => {
    const writer = backend.open();
    await dispatchAccountCommand(writer, 'open', 'busy', { owner: 'Busy Ltd', holderKind: 'organisation', currency: 'EUR' }, { actor: 'test' });
    let done = false;
    let serverDeposits = 0;
    const server = (async () => {
      while (!done) {
        await dispatchAccountCommand(writer, 'deposit', 'busy', { amount: 100 }, { actor: 'server' });
        serverDeposits++;
      }
    })();
    const runs = await Promise.all([1, 2, 3].map((n) => cli('append', 'account-busy', 'deposit', `{"amount": ${n}}`)));
    done = true;
    await server;
    // Against a writer in a tight loop a CLI command may still lose every retry: then it must say so (6) and write nothing.
    for (const run of runs) expect([0, 6], run.stderr).toContain(run.code);
    const accepted = [1, 2, 3].filter((_n, index) => runs[index]!.code === 0);
    const events = await store.readStream('account-busy');
    expect(events.map((event) => event.streamVersion)).toEqual(events.map((_event, index) => index + 1));
    expect(events).toHaveLength(1 + serverDeposits + accepted.length);
    expect(events.filter((event) => event.metadata.actor.startsWith('cli:'))).toHaveLength(accepted.length);
    const replayed = await inProcess('replay', 'account-busy', '--json');
    expect(json(replayed).state.balance).toBe(serverDeposits * 100 + accepted.reduce((sum, n) => sum + n, 0));
  }, SLOW);
});
