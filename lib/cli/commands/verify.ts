import { verifyChain } from '../../audit/verify-chain';
import { EXIT } from '../exit-codes';
import { UsageError, type Command } from '../command';
import { noExtraArgs, streamIdArg } from '../stream-args';

export const verifyCommand: Command = {
  name: 'verify',
  summary: "check every event's hash against the chain (tamper evidence)",
  usage: `Usage: chronicle verify [--stream STREAM] [--json]

Recomputes each event's sha256 chain hash (over its predecessor's hash and its own canonical
encoding, as stored) and compares it with the stored hash: for one stream, or for every stream.
Exit 0 when every hash holds; exit 8 at the first break, which is printed (stream, version,
global position, expected and stored hash, and what is wrong).

Options:
  --stream STREAM   only this stream
  --json            the report as JSON`,
  options: { stream: { type: 'string' } },
  async run({ positionals, values }, context) {
    noExtraArgs(positionals, 0);
    if (values.stream === '') throw new UsageError('--stream needs a stream id');
    const streamId = values.stream === undefined ? undefined : streamIdArg(values.stream as string, '--stream');
    const report = await verifyChain(context.eventStore().stored, { streamId });
    if (context.json) context.outJson(report);
    else if (report.ok) {
      context.out(`OK: ${report.eventsChecked} events in ${report.streamsChecked} stream(s), every hash holds.`);
      if (report.fingerprint) context.out(`Fingerprint at position ${report.fingerprint.position}: ${report.fingerprint.root} (write it down; check it later on /audit)`);
    } else {
      const brk = report.firstBreak!;
      context.out(`BROKEN: ${brk.streamId ?? '(store)'} version ${brk.streamVersion ?? '-'} (global position ${brk.globalPosition ?? '-'}): ${brk.problem}`);
      context.out(`  ${brk.message}`);
      if (brk.expectedHash) context.out(`  expected hash ${brk.expectedHash}`);
      if (brk.storedHash) context.out(`  stored hash   ${brk.storedHash}`);
      if (report.breaks.length > 1) context.out(`${report.breaks.length - 1} more break(s) after it; --json lists them.`);
    }
    for (const warning of report.warnings) context.out(`warning: ${warning}`);
    return report.ok ? EXIT.ok : EXIT.integrity;
  },
};
