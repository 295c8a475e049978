/**
 * `npm start`: serves the built app. Next's own `next start` fills X-Forwarded-For from the socket
 * only when the client sent none, so a client could name any address it liked; this server records
 * the socket's peer address in a header of its own (overwriting any a client sent), which the
 * app reads together with CHRONICLE_TRUSTED_PROXIES (lib/server/auth/client-address.ts).
 *
 *   node scripts/serve.mjs [-H HOST] [-p PORT]      (defaults: $HOSTNAME or 0.0.0.0, $PORT or 3000)
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import next from 'next';

const PEER_HEADER = 'x-chronicle-peer';
const { values } = parseArgs({ options: { hostname: { type: 'string', short: 'H' }, port: { type: 'string', short: 'p' } } });
const hostname = values.hostname ?? process.env.HOSTNAME ?? '0.0.0.0';
const port = Number(values.port ?? process.env.PORT ?? 3000);

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  request.headers[PEER_HEADER] = request.socket.remoteAddress ?? '';
  void handle(request, response);
});
// As `next start` does: keep-alive connections outlive a load balancer's idle timeout.
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => console.log(`▲ Chronicle ready on http://${hostname}:${port}`));

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
