import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { UPSTREAM_FAILED } from '../../scripts/cluster/round-robin-proxy';

/*
 * A mix of commands and queries against the JSON API, driven by autocannon.
 * Every command carries its own Idempotency-Key, and every acknowledgement
 * (2xx) is remembered: afterwards each one must be found in the store.
 */

export type Ack = { commandId: string; accountId: string; kind: string; position: number };

export type WorkloadResult = {
  requests: number;
  throughput: number;
  latency: { p50: number; p90: number; p99: number; max: number };
  statuses: Record<string, number>;
  byKind: Record<string, Record<string, number>>;
  /** Requests that got no HTTP answer at all (connection refused or reset: the server was down), or the proxy's word that the server died with them in flight. */
  transportErrors: number;
  /** Commands answered 2xx whose body never arrived whole: the answer is lost, as with no answer at all. */
  answersCutOff: number;
  acks: Ack[];
  serverErrors: Array<{ kind: string; status: number; body: string }>;
};

export type WorkloadOptions = {
  baseUrl: string;
  accountIds: string[];
  seconds: number;
  connections: number;
  headers?: Record<string, string>;
};

type Planned = { kind: string; method: 'GET' | 'POST'; path: string; body?: string; commandId?: string; accountId: string };

/** The global position a command's answer reports, or null when the body is not a whole answer. */
const positionIn = (body: string): number | null => {
  try {
    const answer = JSON.parse(body) as { globalPosition?: unknown };
    return typeof answer.globalPosition === 'number' ? answer.globalPosition : null;
  } catch {
    return null;
  }
};

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

const plan = (accountIds: string[]): Planned => {
  const accountId = pick(accountIds);
  const roll = Math.random();
  const command = (kind: string, body: Record<string, unknown>): Planned => {
    const commandId = `load-${randomUUID()}`;
    return { kind, method: 'POST', path: `/api/accounts/${accountId}/${kind}`, body: JSON.stringify({ ...body, commandId }), commandId, accountId };
  };
  if (roll < 0.06) {
    // Between two of the load's accounts, sometimes more than the source holds (declined with nothing moved).
    const commandId = `load-${randomUUID()}`;
    const to = pick(accountIds.filter((id) => id !== accountId));
    const body = JSON.stringify({ from: accountId, to, amount: 100 + Math.floor(Math.random() * 60_000), currency: 'EUR', description: 'Load transfer', commandId });
    return { kind: 'transfer', method: 'POST', path: '/api/transfers', body, commandId, accountId };
  }
  if (roll < 0.35) return command('deposit', { amount: 100 + Math.floor(Math.random() * 50_000), currency: 'EUR', description: 'Load deposit' });
  // Large enough that some are refused for insufficient funds: refusals must write nothing.
  if (roll < 0.55) return command('withdraw', { amount: 100 + Math.floor(Math.random() * 80_000), currency: 'EUR', description: 'Load withdrawal' });
  if (roll < 0.75) return { kind: 'summary', method: 'GET', path: `/api/accounts/${accountId}/summary`, accountId };
  if (roll < 0.87) return { kind: 'transactions', method: 'GET', path: `/api/accounts/${accountId}/transactions?limit=20`, accountId };
  if (roll < 0.94) return { kind: 'accounts', method: 'GET', path: '/api/accounts?limit=25', accountId };
  return { kind: 'stats', method: 'GET', path: '/api/stats', accountId };
};

export const runWorkload = async ({ baseUrl, accountIds, seconds, connections, headers = {} }: WorkloadOptions): Promise<WorkloadResult> => {
  const acks: Ack[] = [];
  const serverErrors: WorkloadResult['serverErrors'] = [];
  const byKind: WorkloadResult['byKind'] = {};
  const pending = new Map<object, Planned>();
  let answersCutOff = 0;
  let upstreamFailed = 0;

  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        setupRequest: (request, context) => {
          const next = plan(accountIds);
          pending.set(context, next);
          return {
            ...request,
            method: next.method,
            path: next.path,
            headers: { ...request.headers, ...headers, ...(next.body ? { 'content-type': 'application/json' } : {}) },
            body: next.body,
          };
        },
        onResponse: (status, body, context) => {
          const sent = pending.get(context);
          if (!sent) return;
          const counts = (byKind[sent.kind] ??= {});
          counts[status] = (counts[status] ?? 0) + 1;
          // Behind the cluster's proxy, a server killed mid-request is a 502 from the proxy: no answer, as without it.
          if (status === 502 && String(body).includes(UPSTREAM_FAILED)) upstreamFailed++;
          else if (status >= 500) serverErrors.push({ kind: sent.kind, status, body: String(body).slice(0, 300) });
          if (sent.commandId && status >= 200 && status < 300) {
            const position = positionIn(String(body));
            // A 2xx whose body was cut off (the server killed mid-answer) acknowledges nothing: its answer was lost.
            if (position === null) answersCutOff++;
            else acks.push({ commandId: sent.commandId, accountId: sent.accountId, kind: sent.kind, position });
          }
        },
      },
    ],
  });

  const statuses: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = stat?.count ?? 0;
  return {
    requests: result.requests.total,
    throughput: result.requests.average,
    latency: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    statuses,
    byKind,
    transportErrors: result.errors + upstreamFailed,
    answersCutOff,
    acks,
    serverErrors,
  };
};
