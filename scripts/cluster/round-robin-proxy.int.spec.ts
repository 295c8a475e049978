import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startRoundRobinProxy, UPSTREAM_FAILED, type RoundRobinProxy } from './round-robin-proxy';

/* The cluster's proxy against real sockets: round robin, streaming, and what a dead server looks like. */

type Upstream = { name: string; port: number; server: http.Server; close: () => Promise<void> };

const upstream = async (name: string, handler?: http.RequestListener): Promise<Upstream> => {
  const server = http.createServer(
    handler ??
      ((request, response) => {
        let body = '';
        request.on('data', (chunk) => (body += chunk));
        request.on('end', () => response.end(JSON.stringify({ name, host: request.headers.host, method: request.method, body })));
      }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    name,
    port: (server.address() as AddressInfo).port,
    server,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
};

const closedPort = async (): Promise<number> => {
  const probe = await upstream('gone');
  await probe.close();
  return probe.port;
};

const opened: Array<{ close: () => Promise<void> }> = [];
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await thing.close().catch(() => undefined);
});

const proxyFor = async (ports: number[]): Promise<RoundRobinProxy> => {
  const proxy = await startRoundRobinProxy({ upstreams: ports.map((port) => ({ host: '127.0.0.1', port })) });
  opened.push(proxy);
  return proxy;
};

describe('round-robin proxy', () => {
  it('given two servers, when requests come in, then they alternate, with the Host header and the body kept', async () => {
    const [a, b] = [await upstream('a'), await upstream('b')];
    opened.push(a, b);
    const proxy = await proxyFor([a.port, b.port]);
    const answers = [];
    for (let i = 0; i < 4; i++) {
      const response = await fetch(`http://127.0.0.1:${proxy.port}/x`, { method: 'POST', body: `n${i}` });
      answers.push((await response.json()) as { name: string; host: string; body: string });
    }
    expect(answers.map((answer) => answer.name)).toEqual(['a', 'b', 'a', 'b']);
    expect(answers[0]).toMatchObject({ host: `127.0.0.1:${proxy.port}`, body: 'n0' });
  });

  it('given a server that refuses connections, then every request goes to the live one', async () => {
    const live = await upstream('live');
    opened.push(live);
    const proxy = await proxyFor([await closedPort(), live.port]);
    for (let i = 0; i < 4; i++) expect(((await (await fetch(`http://127.0.0.1:${proxy.port}/`, { method: 'POST', body: 'x' })).json()) as { name: string }).name).toBe('live');
    expect(proxy.stats().upstreamFailed).toBe(0);
  });

  it('streams: the first event of a long response arrives while the server is still writing', async () => {
    let finish: () => void = () => undefined;
    const sse = await upstream('sse', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('id: 1\n\n');
      finish = () => response.end('id: 2\n\n');
    });
    opened.push(sse);
    const proxy = await proxyFor([sse.port]);
    const response = await fetch(`http://127.0.0.1:${proxy.port}/api/events/stream`);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('id: 1\n\n');
    finish();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('id: 2\n\n');
  });

  it('given a server that dies with the request in flight, then the client gets a marked 502, not a made-up answer', async () => {
    const dying = await upstream('dying', (request) => request.socket.destroy());
    opened.push(dying);
    const proxy = await proxyFor([dying.port]);
    const response = await fetch(`http://127.0.0.1:${proxy.port}/`, { method: 'POST', body: 'x' });
    expect(response.status).toBe(502);
    expect(await response.text()).toContain(UPSTREAM_FAILED);
  });
});
