import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadStateAt } from './state-batcher';

const view = (version: number) => ({ streamId: 's', head: 100, version, state: { balance: version }, previousState: {}, event: null, changedPaths: [] });

/** A fetch that answers `/states?versions=` as the server does, and records each request. */
const fakeServer = () => {
  const requests: string[] = [];
  vi.stubGlobal('fetch', async (path: string) => {
    requests.push(path);
    const versions = new URL(path, 'http://x').searchParams.get('versions')!.split(',').map(Number);
    return new Response(JSON.stringify({ states: versions.map(view) }), { status: 200 });
  });
  return requests;
};

afterEach(() => vi.unstubAllGlobals());

describe('loadStateAt', () => {
  it('asks for every state wanted in one tick in one request, and gives each caller its own', async () => {
    const requests = fakeServer();
    const views = await Promise.all([5, 6, 7, 15, 105].map((version) => loadStateAt('account-a', version)));
    expect(views.map((found) => found.version)).toEqual([5, 6, 7, 15, 105]);
    expect(requests).toEqual(['/api/streams/account-a/states?versions=5,6,7,15,105']);
  });

  it('splits a burst at the server limit of 32 versions a request', async () => {
    const requests = fakeServer();
    await Promise.all(Array.from({ length: 40 }, (_, i) => loadStateAt('account-b', i)));
    expect(requests).toHaveLength(2);
    expect(requests[0]!.split('versions=')[1]!.split(',')).toHaveLength(32);
  });

  it('keeps streams apart, and a later tick makes a new request', async () => {
    const requests = fakeServer();
    await Promise.all([loadStateAt('account-c', 1), loadStateAt('account-d', 1)]);
    await loadStateAt('account-c', 2);
    expect(requests).toEqual(['/api/streams/account-c/states?versions=1', '/api/streams/account-d/states?versions=1', '/api/streams/account-c/states?versions=2']);
  });

  it('fails the loads of a request the server refuses, with its message', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ error: { code: 'version_not_found', message: 'no version 9' } }), { status: 404 }));
    await expect(loadStateAt('account-e', 9)).rejects.toThrow('no version 9');
  });
});
