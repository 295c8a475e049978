import { readFileSync } from 'node:fs';
import { nodeCrypto } from '../../audit/pack/node-crypto';
import { verifyPackText } from '../../audit/pack/verify-pack';
import { EXIT } from '../exit-codes';
import { UsageError, type Command } from '../command';

export const verifyPackCommand: Command = {
  name: 'verify-pack',
  summary: 'check an evidence pack offline: signatures, hash chains, inclusion proofs (no database)',
  usage: `Usage: chronicle verify-pack FILE [--key KEY_ID] [--json]

Checks an evidence pack exported from /audit with nothing but the file: the key chain, the
checkpoint's Ed25519 signature, every event's hash-chain link and its inclusion proof against the
signed Merkle root, the segments' boundary hashes, the pack's own signature and its exact bytes.
Exit 0 when everything holds; exit 8 at the first fault, printed with the event (line, position,
stream, version) and the field. Reads no database and opens no connection. FILE - reads stdin.

The pack proves it was signed by the key it names; compare that key id with the one the bank
publishes (/.well-known/chronicle-audit-key), or pass it with --key to have it compared.

Options:
  --key KEY_ID   the key id you trust (ed25519:…); the pack's first key must be it
  --json         the result as JSON`,
  options: { key: { type: 'string' } },
  async run({ positionals, values }, context) {
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'FILE is required' : `unexpected argument "${positionals[1]}"`);
    const file = positionals[0]!;
    let text: string;
    try {
      text = readFileSync(file === '-' ? 0 : file, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    const result = await verifyPackText(text, nodeCrypto);
    const trusted = values.key as string | undefined;
    const keyMismatch = result.ok && trusted !== undefined && result.trustAnchorKeyId !== trusted;
    const ok = result.ok && !keyMismatch;
    if (context.json) context.outJson({ ...result, ok, ...(keyMismatch ? { fault: { event: null, field: 'keys[0].keyId', message: `The pack's key ${result.trustAnchorKeyId} is not the trusted key ${trusted}` } } : {}) });
    else if (ok) {
      const { checkpoint } = result;
      context.out(`OK: ${result.eventsChecked} events in ${result.streams} stream(s) verified in ${Math.round(result.elapsedMs)} ms.`);
      context.out(`Checkpoint: position ${checkpoint!.position} (${checkpoint!.eventCount} events), root ${checkpoint!.root}, taken ${checkpoint!.takenAt}`);
      context.out(`Signed by ${checkpoint!.keyId}; the key chain starts at ${result.trustAnchorKeyId}${trusted ? ' (the key you trust)' : ': compare it with the key the bank publishes'}.`);
    } else if (keyMismatch) {
      context.out(`FAILED: the pack's key ${result.trustAnchorKeyId} is not the trusted key ${trusted}.`);
    } else {
      const fault = result.fault!;
      const where = fault.event ? `event on line ${fault.event.line} (${fault.event.streamId} v${fault.event.streamVersion}, position ${fault.event.position})` : 'the pack';
      context.out(`FAILED at ${where}, field ${fault.field}:`);
      context.out(`  ${fault.message}`);
    }
    return ok ? EXIT.ok : EXIT.integrity;
  },
};
