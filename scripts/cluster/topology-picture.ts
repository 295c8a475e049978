/** The picture `npm run demo:cluster` prints (the README has the same one). */
export const TOPOLOGY_PICTURE = String.raw`
                         browsers, API clients
                                  │
                       ┌──────────▼──────────┐
                       │  round-robin proxy  │ :3000  (or any HTTP load balancer that streams)
                       └───┬───────┬───────┬─┘
               ┌───────────▼─┐ ┌───▼─────┐ ┌▼────────────┐
               │    web-1    │ │  web-2  │ │    web-3    │ :3001-3003 commands, queries, SSE
               └──────┬──────┘ └────┬────┘ └──────┬──────┘ (no background work in them)
                      └─────────────┼─────────────┘
                                    ▼
   ┌──────────────────── PostgreSQL (one database) ─────────────────────┐
   │ events + their outbox rows (one transaction), read models, leases, │
   │ transfers' progress, notices                                       │
   └───▲───────────────▲───────────────▲────────────────────────▲───────┘
       │               │               │                        │
  projector-1,2      sagas           relay ──publish──► NATS JetStream cluster
  (a lease per       (a lease:       (a lease; checks    n1 ═ n2 ═ n3, stream R3,
   projection)        transfers)      durability; re-    sync_interval: always
                                      concile + prune)   where the server has it
                                                                │ durable consumer
                                                   notifications-1,2 (share it;
                                                   one notice per event id)
`;
