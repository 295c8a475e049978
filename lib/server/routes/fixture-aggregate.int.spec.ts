import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tallyAggregate } from '../../domain/testing/tally/aggregate';
import { AGGREGATES } from '../../runtime/aggregates';
import { expectDocumented } from '../http/testing/documented-response';
import { BASE, jsonRequest, params, signedInAs, useTemporaryEventStore, type ErrorJson, type TemporaryStore } from '../http/test-support';
import { openApiJson } from './api';
import { commandHandler, commandRoute, createHandler } from './commands';
import { streamState, streamTimeline } from './debugger';

/*
 * The aggregate registry, proved over HTTP: a fixture aggregate (lib/domain/testing/tally, one
 * folder) registered by the one line below gets its commands, its streams in the debugger with
 * its own state and event types, and its paths in the API document; no route file, no edit elsewhere.
 */

let db: TemporaryStore;
let teller: Record<string, string>;
beforeAll(async () => {
  db = await useTemporaryEventStore({ aggregates: [...AGGREGATES, tallyAggregate] });
  teller = await signedInAs('ann');
});
afterAll(async () => db?.release());

const start = (body: unknown, headers = teller) => createHandler()(jsonRequest('/api/tallies', body, headers), params({ collection: 'tallies' }));
const send = (id: string, command: string, body: unknown, headers = teller) =>
  commandHandler(jsonRequest(`/api/tallies/${id}/${command}`, body, headers), params({ collection: 'tallies', id, command }));
const get = (path: string) => new Request(`${BASE}${path}`, { headers: teller });

describe('a fixture aggregate registered in one line', () => {
  it('takes its commands over HTTP: 201 on the collection, 200 on the stream, 422 for its rules, 404 for what does not exist', async () => {
    const started = await start({ label: 'Coffee cups' });
    expect(started.status).toBe(201);
    const { tallyId, version } = await expectDocumented<{ tallyId: string; version: number }>(commandRoute(tallyAggregate, 'start'), started);
    expect(version).toBe(1);
    expect(started.headers.get('etag')).toBe('"1"');

    const added = await send(tallyId, 'add', { count: 3 }, { ...teller, 'idempotency-key': 'tally-add-1' });
    expect(added.status).toBe(200);
    expect(await expectDocumented(commandRoute(tallyAggregate, 'add'), added)).toMatchObject({ tallyId, version: 2 });
    const again = await send(tallyId, 'add', { count: 3 }, { ...teller, 'idempotency-key': 'tally-add-1' });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { version: number }).version).toBe(2);

    const stale = await send(tallyId, 'add', { count: 1_000 }, { ...teller, 'if-match': '"1"' });
    expect(stale.status).toBe(409);
    await expectDocumented(commandRoute(tallyAggregate, 'add'), stale);

    expect((await send(tallyId, 'close', {})).status).toBe(200);
    const closed = await send(tallyId, 'add', { count: 1 });
    expect(closed.status).toBe(422);
    expect(((await expectDocumented<ErrorJson>(commandRoute(tallyAggregate, 'add'), closed)).error.code)).toBe('tally_closed');

    const unknown = await send('no-such-tally', 'add', { count: 1 });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as ErrorJson).error.code).toBe('tally_not_found');
    expect((await send(tallyId, 'start', { label: 'x' })).status).toBe(404);
    expect((await send(tallyId, 'add', { count: 0 })).status).toBe(400);
    expect((await send(tallyId, 'add', { count: 1 }, await signedInAs('ada-lovelace'))).status).toBe(403);
    expect(db.rowCount()).toBe(3);
  });

  it('shows its streams in the debugger, folded by its own decider, with its own event types', async () => {
    const { tallyId } = (await (await start({ label: 'Visitors' })).json()) as { tallyId: string };
    for (const count of [5, 7]) await send(tallyId, 'add', { count });
    const streamId = `tally-${tallyId}`;
    const state = await streamState.handler(get(`/api/streams/${streamId}/state?version=3`), params({ streamId }));
    const view = await expectDocumented<{ state: unknown; event: { type: string }; changedPaths: string[] }>(streamState, state);
    expect(view.state).toEqual({ status: 'open', tallyId, label: 'Visitors', total: 12 });
    expect(view.event.type).toBe('TallyAdded');
    expect(view.changedPaths).toEqual(['total']);
    const timeline = await streamTimeline.handler(get(`/api/streams/${streamId}/timeline`), params({ streamId }));
    const rows = (await expectDocumented<{ rows: Array<{ type: string }> }>(streamTimeline, timeline)).rows;
    expect(rows.map((row) => row.type)).toEqual(['TallyStarted', 'TallyAdded', 'TallyAdded']);
    const series = await streamTimeline.handler(get(`/api/streams/${streamId}/timeline?series=total&points=10`), params({ streamId }));
    expect(((await series.json()) as { points: Array<{ value: number }> }).points.at(-1)?.value).toBe(12);
  });

  it('has its paths, body schemas and rule codes in the API document', async () => {
    const doc = (await (await openApiJson.handler(get('/api/openapi.json'))).json()) as {
      paths: Record<string, { post?: { responses: Record<string, { description: string }> } }>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths).filter((path) => path.startsWith('/api/tallies')).sort()).toEqual([
      '/api/tallies',
      '/api/tallies/{tallyId}/add',
      '/api/tallies/{tallyId}/close',
    ]);
    expect(doc.paths['/api/tallies']?.post?.responses).toHaveProperty('201');
    expect(doc.paths['/api/tallies/{tallyId}/add']?.post?.responses['422']?.description).toContain('tally_limit_exceeded');
    expect(doc.paths['/api/tallies/{tallyId}/add']?.post?.responses).toHaveProperty('404');
    expect(doc.components.schemas).toHaveProperty('AddToTallyRequest');
    expect(doc.paths['/api/accounts/{accountId}/deposit']).toBeDefined();
  });
});
