import fc from 'fast-check';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_COMMANDS, type AccountCommandName } from '../../commands/account-commands';
import { hostileText } from '../http/testing/hostile-input';
import { createRuntime } from '../../runtime/runtime';
import { runtimeConfig } from '../../runtime/runtime-config';
import { createSqliteTestDatabase } from '../../store/testing/test-databases';
import { runAccountAction } from './account-action';
import type { Principal } from '../../auth/principal';

/*
 * The server actions behind the account forms, fuzzed like the API routes:
 * whatever a form posts, the action answers with form state (never throws,
 * never an internal error), and a refused submission writes no event.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const LEAK = /\n\s+at |node_modules|\/work\/|\.tsx?:\d+|SQLITE_|PrismaClient|TypeError|ReferenceError/;
const FIELDS = ['accountId', 'owner', 'currency', 'overdraftLimit', 'holderKind', 'amount', 'description', 'reason', 'commandId', 'expectedVersion', 'rateBasisPoints', 'periodStart', 'periodEnd'];

const filename = createSqliteTestDatabase();
// The runtime's store, as the server's actions use it: upcasting, cached loads, ownership checks.
const runtime = createRuntime({ config: runtimeConfig({ DATABASE_URL: `file:${filename}` }) });
const store = runtime.store;
const accountIds: string[] = [];
const teller: Principal = { id: 'teller:ann', role: 'teller', name: 'Ann Hughes', username: 'ann' };

beforeAll(async () => {
  const form = new FormData();
  form.set('owner', 'Ada Lovelace');
  form.set('currency', 'EUR');
  const opened = await runAccountAction('open', form, teller, runtime);
  if (!opened.ok) throw new Error(opened.message);
  accountIds.push(opened.result.accountId);
});

afterAll(async () => {
  await runtime.close();
  rmSync(dirname(filename), { recursive: true, force: true });
});

const eventCount = async () => store.headPosition();

const formArbitrary = fc.array(
  fc.tuple(
    fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 10 })),
    fc.oneof(
      { weight: 4, arbitrary: hostileText() },
      { weight: 1, arbitrary: fc.constantFrom(...['12.34', '-5', '0', '1e9', '€10', '10,00', '999999999999999.99']) },
      { weight: 1, arbitrary: fc.constant<'file'>('file') },
    ),
  ),
  { maxLength: 8 },
);

describe('account server actions under hostile forms', () => {
  it('answer with form state, leak nothing and write nothing they refused', async () => {
    for (const name of Object.keys(ACCOUNT_COMMANDS) as AccountCommandName[]) {
      await fc.assert(
        fc.asyncProperty(formArbitrary, fc.boolean(), async (entries, withRealAccount) => {
          const form = new FormData();
          if (withRealAccount) form.set('accountId', accountIds[0]!);
          for (const [field, value] of entries) {
            if (value === 'file') form.append(field, new Blob(['not a field']), 'evil.txt');
            else form.append(field, value);
          }
          const before = await eventCount();
          const result = await runAccountAction(name, form, teller, runtime);
          if (result.ok) return;
          expect(result.code, `${name}: ${result.message}`).not.toBe('internal_error');
          expect(JSON.stringify(result)).not.toMatch(LEAK);
          expect(await eventCount(), `${name} refused (${result.code}) but wrote events`).toBe(before);
        }),
        { numRuns: RUNS },
      );
    }
  }, 300_000);
});
