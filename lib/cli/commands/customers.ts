import { eraseCustomer } from '../../runtime/customer-erasure';
import { UsageError, type Command } from '../command';
import { noExtraArgs } from '../stream-args';

const USAGE = `Usage: chronicle customers erase CUSTOMER_ID --reason "WHY"

Erases a customer's personal data by destroying their data key (crypto-shredding): holder names,
the descriptions and reasons they typed and their users' display names read [erased] from then on,
in the application, the CLI, the debugger and the audit trail. The events stay byte for byte, so
\`chronicle verify\` and evidence packs still verify. Recorded as CustomerDataErased in the stream
erasure-CUSTOMER_ID, naming who (cli:<os user>) and why. Irreversible; the key is never made again.

Refused (exit 6, nothing erased) when the customer was erased before, or when personal data of
theirs was stored in plain text before sealing (the events are named). Not found (exit 5) when no
account or user belongs to the id.

Options:
  --reason TEXT        why (3 to 500 characters, recorded in the clear: no personal data in it)
  --json               print the erasure as JSON`;

export const customersCommand: Command = {
  name: 'customers',
  summary: "erase a customer's personal data (destroy their data key)",
  usage: USAGE,
  options: { reason: { type: 'string' } },
  async run({ positionals, values }, context) {
    const [action, customerId] = positionals;
    if (action !== 'erase') throw new UsageError(action === undefined ? 'Say what to do: erase' : `Unknown action "${action}"`);
    noExtraArgs(positionals, 2);
    if (customerId === undefined) throw new UsageError('CUSTOMER_ID is required');
    if (typeof values.reason !== 'string') throw new UsageError('--reason is required: say why the customer is erased');
    const erased = await eraseCustomer(context.runtime, { customerId, reason: values.reason, actor: context.actor });
    if (context.json) return context.outJson(erased);
    context.out(
      `Erased customer ${erased.customerId} at ${erased.erasedAt} (key ${erased.keyId ?? 'none had been made'}): ${erased.streams.length} stream(s) now read [erased] (${erased.streams.join(', ')}).`,
    );
  },
};
