import http from 'node:http';

/*
 * Server-sent events across servers: clients connected to one web server must
 * receive events appended through the others (which that server learns of by
 * polling the store's head, CHRONICLE_SSE_POLL_MS). An appender sends deposits
 * to the other servers and notes when each was acknowledged; the lag is the time
 * from that acknowledgement to each client's receipt of the event.
 */

export type CrossServerOptions = {
  watchPort: number;
  /** Servers the appender writes through, in turn; one that is down is skipped. */
  appendPorts: number[];
  headers: Record<string, string>;
  accountIds: string[];
  clients: number;
  perSecond: number;
};

export type CrossServerResult = {
  clients: number;
  appended: number;
  /** Appends the appender tried while their server was down (not counted as appended). */
  appendsRefused: number;
  clientsMissingEvents: number;
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
  /** Client connections that ended during the run (the watched server is never killed, so this should be 0). */
  clientsDropped: number;
};

type Client = { received: Map<number, number>; request: http.ClientRequest; ended: boolean };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const connect = (port: number, from: number, headers: Record<string, string>): Client => {
  const client: Client = { received: new Map(), ended: false } as Client;
  let buffer = '';
  client.request = http.get({ host: '127.0.0.1', port, path: `/api/events/stream?from=${from}`, headers: { accept: 'text/event-stream', ...headers }, agent: false }, (response) => {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      buffer += chunk;
      let boundary: number;
      while ((boundary = buffer.indexOf('\n\n')) !== -1) {
        const frame = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary + 2);
        const id = /^id: ?(\d+)$/m.exec(frame)?.[1];
        if (id !== undefined && /^event: ?event$/m.test(frame)) client.received.set(Number(id), performance.now());
      }
    });
    response.on('close', () => (client.ended = true));
  });
  client.request.on('error', () => (client.ended = true));
  return client;
};

export const startCrossServerSse = async (options: CrossServerOptions): Promise<{ stop: () => Promise<CrossServerResult> }> => {
  const projections = (await (await fetch(`http://127.0.0.1:${options.watchPort}/api/projections`, { headers: options.headers })).json()) as {
    projections: Array<{ head: number }>;
  };
  const from = Math.max(0, ...projections.projections.map((projection) => projection.head));
  const clients = Array.from({ length: options.clients }, () => connect(options.watchPort, from, options.headers));
  const acknowledged = new Map<number, number>();
  let refused = 0;
  let appending = true;
  const appender = (async () => {
    for (let i = 0; appending; i++) {
      const port = options.appendPorts[i % options.appendPorts.length]!;
      const accountId = options.accountIds[i % options.accountIds.length]!;
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/accounts/${accountId}/deposit`, {
          method: 'POST',
          // The session's cookie is good on every server; the Origin must be the server's own (same-site).
          headers: { 'content-type': 'application/json', ...options.headers, origin: `http://127.0.0.1:${port}` },
          body: JSON.stringify({ amount: 100, currency: 'EUR', description: 'Cross-server SSE' }),
          signal: AbortSignal.timeout(10_000),
        });
        if (response.status === 200) acknowledged.set(((await response.json()) as { globalPosition: number }).globalPosition, performance.now());
        else refused++;
      } catch {
        refused++; // that server is down (killed by the run)
      }
      await sleep(1_000 / options.perSecond);
    }
  })();

  return {
    stop: async () => {
      appending = false;
      await appender;
      const expected = [...acknowledged.keys()];
      // Late is lag; missing means not there 30 s after the last append.
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && clients.some((client) => !client.ended && expected.some((position) => !client.received.has(position)))) await sleep(200);
      const lags: number[] = [];
      let missing = 0;
      for (const client of clients) {
        if (expected.some((position) => !client.received.has(position))) missing++;
        for (const position of expected) {
          const at = client.received.get(position);
          if (at !== undefined) lags.push(Math.max(0, at - acknowledged.get(position)!));
        }
      }
      const dropped = clients.filter((client) => client.ended).length;
      for (const client of clients) client.request.destroy();
      lags.sort((a, b) => a - b);
      const percentile = (p: number) => Math.round(lags[Math.min(lags.length - 1, Math.floor((p / 100) * lags.length))] ?? NaN);
      return {
        clients: clients.length,
        appended: expected.length,
        appendsRefused: refused,
        clientsMissingEvents: missing,
        lagP50Ms: percentile(50),
        lagP99Ms: percentile(99),
        lagMaxMs: Math.round(lags.at(-1) ?? NaN),
        clientsDropped: dropped,
      };
    },
  };
};
