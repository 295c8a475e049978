import { apiQuickReference } from '@/lib/server/routes/api';

const OPEN_EXAMPLE = `curl -X POST http://localhost:3000/api/accounts \\
  -u ann:chronicle-demo \\
  -H 'Content-Type: application/json' \\
  -H 'Idempotency-Key: open-ada-1' \\
  -d '{"owner":"Ada Lovelace","currency":"EUR"}'`;

const DEPOSIT_EXAMPLE = `curl -X POST http://localhost:3000/api/accounts/<accountId>/deposit \\
  -u ada-lovelace:chronicle-demo \\
  -H 'Content-Type: application/json' \\
  -H 'If-Match: "1"' \\
  -d '{"amount":12345,"description":"Salary"}'`;

export const metadata = { title: 'API for developers' };

export default function DevelopersPage() {
  const routes = apiQuickReference();
  return (
    <>
      <h1 className="brand">Chronicle API</h1>
      <p className="tagline">An event-sourced bank: every balance is the sum of its history, and the history can be replayed.</p>

      <nav className="actions" aria-label="API">
        <a className="button primary" href="/api/openapi.json">
          OpenAPI document
        </a>
        <a className="button" href="#api">
          API quick reference
        </a>
      </nav>

      <section className="card" aria-labelledby="api">
        <h2 id="api">API quick reference</h2>
        <p className="muted">
          Amounts are integers in minor units (cents). Errors share one shape:{' '}
          <code>{'{ "error": { "code", "message", "issues"? } }'}</code>.
        </p>
        <table className="routes">
          <thead>
            <tr>
              <th scope="col">Method</th>
              <th scope="col">Path</th>
              <th scope="col">What it does</th>
            </tr>
          </thead>
          <tbody>
            {routes.map((route) => (
              <tr key={`${route.method} ${route.path}`}>
                <td>
                  <span className="method">{route.method}</span>
                </td>
                <td>
                  <code>{route.path}</code>
                </td>
                <td>{route.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card" aria-labelledby="headers">
        <h2 id="headers">Headers worth knowing</h2>
        <p>
          <code>Idempotency-Key</code>: the command id. Sending the same key again returns the first answer and writes nothing.
        </p>
        <p>
          <code>If-Match</code>: the stream version you expect (the <code>ETag</code> of the previous answer). If the account
          moved on, the answer is <code>409 version_conflict</code>.
        </p>
        <p>
          <code>Authorization: Basic</code> (<code>curl -u user:password</code>): who is acting, recorded as the actor of every
          event. In the browser the session cookie from signing in does the same. Anonymous requests get <code>401</code>;
          what a role may not do, <code>403</code>. Customers act on their own accounts, tellers on any, auditors only read.
        </p>
      </section>

      <section className="card" aria-labelledby="try">
        <h2 id="try">Try it</h2>
        <pre className="example">{OPEN_EXAMPLE}</pre>
        <pre className="example">{DEPOSIT_EXAMPLE}</pre>
      </section>
    </>
  );
}
