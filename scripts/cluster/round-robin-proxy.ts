import http from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * The load balancer in front of the web servers of `npm run demo:cluster` and
 * the cluster reliability run: round robin, streaming both ways (server-sent
 * events pass through as they are written), a server that refuses connections
 * skipped for a moment. Any HTTP load balancer can take its place; what it must
 * do is stream responses unbuffered and keep the Host header.
 */

export type Upstream = { host: string; port: number };
export type ProxyStats = { requests: number; perUpstream: Record<string, number>; retried: number; upstreamFailed: number };
export type RoundRobinProxy = { port: number; stats: () => ProxyStats; close: () => Promise<void> };

/** The answer when the chosen server died with the request in flight: like no answer at all, marked so a harness can tell. */
export const UPSTREAM_FAILED = 'upstream_failed';

const MAX_BODY = 8 * 1024 * 1024;
const DOWN_FOR_MS = 1_000;

const retriable = (error: NodeJS.ErrnoException, reusedSocket: boolean): boolean =>
  error.code === 'ECONNREFUSED' || (reusedSocket && error.code === 'ECONNRESET'); // a kept-alive socket the server had closed: nothing was processed

export const startRoundRobinProxy = async ({ port = 0, host = '127.0.0.1', upstreams }: { port?: number; host?: string; upstreams: Upstream[] }): Promise<RoundRobinProxy> => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const downUntil = new Map<Upstream, number>();
  const stats: ProxyStats = { requests: 0, perUpstream: {}, retried: 0, upstreamFailed: 0 };
  let next = 0;

  const choose = (): Upstream => {
    const now = Date.now();
    for (let i = 0; i < upstreams.length; i++) {
      const upstream = upstreams[next++ % upstreams.length]!;
      if ((downUntil.get(upstream) ?? 0) <= now) return upstream;
    }
    return upstreams[next++ % upstreams.length]!; // all marked down: try anyway
  };

  const forward = (request: http.IncomingMessage, response: http.ServerResponse, body: Buffer, attempt: number) => {
    const upstream = choose();
    const key = `${upstream.host}:${upstream.port}`;
    stats.perUpstream[key] = (stats.perUpstream[key] ?? 0) + 1;
    const headers = { ...request.headers, 'x-forwarded-for': request.socket.remoteAddress ?? '', 'x-forwarded-proto': 'http' };
    const outgoing = http.request({ host: upstream.host, port: upstream.port, method: request.method, path: request.url, headers, agent }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.headers);
      response.flushHeaders();
      answer.pipe(response);
      // The server died mid-answer: cut the client off too, as a direct connection would be (an EventSource reconnects).
      answer.once('aborted', () => response.destroy());
      answer.once('error', () => response.destroy());
    });
    outgoing.once('error', (error: NodeJS.ErrnoException) => {
      if (response.headersSent) return void response.destroy();
      if (error.code === 'ECONNREFUSED') downUntil.set(upstream, Date.now() + DOWN_FOR_MS);
      if (retriable(error, outgoing.reusedSocket) && attempt < upstreams.length * 2) {
        stats.retried++;
        return forward(request, response, body, attempt + 1);
      }
      stats.upstreamFailed++;
      response.writeHead(502, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { code: UPSTREAM_FAILED, message: `The server went away with the request in flight (${error.code ?? error.message})` } }));
    });
    // The client went away (an EventSource closed): stop the server's side too.
    response.once('close', () => {
      if (!response.writableFinished) outgoing.destroy();
    });
    outgoing.end(body);
  };

  const server = http.createServer((request, response) => {
    stats.requests++;
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        response.writeHead(413).end();
        request.destroy();
      } else chunks.push(chunk);
    });
    // The body is held whole so a request the chosen server refused can go to the next one.
    request.once('end', () => forward(request, response, Buffer.concat(chunks), 0));
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    stats: () => ({ ...stats, perUpstream: { ...stats.perUpstream } }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
};
