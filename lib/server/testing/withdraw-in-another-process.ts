/** Run as a separate process by the cache test: withdraws from an account through its own store. */
import { createRuntime } from '../../runtime/runtime';

const [accountId, amount] = process.argv.slice(2);
const runtime = createRuntime();
try {
  const result = await runtime.commands.send('account', 'withdraw', accountId, { amount: Number(amount) }, { actor: 'other-process' });
  console.log(JSON.stringify({ accountId: result.id, version: result.version, globalPosition: result.globalPosition, duplicate: result.duplicate }));
} finally {
  await runtime.close();
}
