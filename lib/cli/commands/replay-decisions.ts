import { streamCategory } from '../../core/envelope';
import type { AnyAggregate } from '../../core/aggregate';
import { loadCandidateDecider } from '../../debugger/candidate-decider';
import { DecisionReplay, type Decide, type ReplayFinding } from '../../debugger/decision-replay';
import { deriveCommand } from '../../debugger/derived-commands';
import { headVersion } from '../../debugger/stream-probe';
import { MAX_JOURNAL_ENTRIES } from '../../read/prisma-command-journal';
import { aggregateForStream } from '../../runtime/debuggers';
import { UsageError, wholeNumberOption, type Command } from '../command';
import { noExtraArgs, streamIdArg, timeArg } from '../stream-args';

const CHUNK = 5_000;

const outcomeText = (outcome: ReplayFinding['now']): string =>
  outcome.outcome === 'accepted' ? `accepted → ${outcome.events.join(', ') || '(no events)'}` : outcome.outcome === 'refused' ? `refused (${outcome.code})` : `failed: ${outcome.message}`;

export const replayDecisionsCommand: Command = {
  name: 'replay-decisions',
  summary: 'decide recorded commands again (today’s decider or a candidate) and list those decided differently; writes nothing',
  usage: `Usage: chronicle replay-decisions [--stream STREAM | --category CATEGORY] [--since TIME] [--decider PATH [--aggregate NAME]] [--limit N] [--json]

Each recorded command is decided again on the state its stream had when it was decided (the
version before its first event), by today's decider or by a candidate, and compared with what
was recorded. Listed: every command whose outcome would differ, accepted → refused (with the
rule code), or accepted with different events. Nothing is written.

What is replayed: accepted commands, from the type and input their events' metadata records. Events
written without a command the decider knows (legacy imports, migrations) are replayed one at a
time with a command derived from the event ("derived"), where the aggregate has a derivation
(accounts do). Refused commands come from the command journal (kept since it was added; up to
1,000 read per run), each decided again on the version it was refused at: refused → accepted.

Options:
  --stream STREAM     only this stream
  --category NAME     only streams of this category (account, transfer, user)
  --since TIME        only commands decided at or after TIME (ISO 8601; earlier history is still folded)
  --decider PATH      a module exporting decide(command, state) => events (or decider = { decide }),
                      tried in place of today's; it may export aggregate = 'account' (the default)
  --aggregate NAME    whose commands the candidate decides (overrides the module's own)
  --limit N           list at most N differing decisions (default 1000; all are counted)
  --json              the report as JSON`,
  options: { stream: { type: 'string' }, category: { type: 'string' }, since: { type: 'string' }, decider: { type: 'string' }, aggregate: { type: 'string' }, limit: { type: 'string' } },
  async run({ positionals, values }, context) {
    noExtraArgs(positionals, 0);
    if (values.stream !== undefined && values.category !== undefined) throw new UsageError('Give --stream or --category, not both');
    const streamId = values.stream === undefined ? undefined : streamIdArg(values.stream as string, '--stream');
    const category = values.category as string | undefined;
    const runtime = context.runtime;
    if (category !== undefined && !runtime.aggregates.all.some((aggregate) => aggregate.category === category)) {
      throw new UsageError(`--category must be one of ${runtime.aggregates.all.map((aggregate) => aggregate.category).join(', ')}`);
    }
    const since = values.since === undefined ? undefined : timeArg('since', values.since as string);
    const limit = wholeNumberOption('limit', values.limit, 0) ?? 1_000;
    let candidate: { aggregate: string; decide: Decide; path: string } | null = null;
    if (values.decider !== undefined) {
      try {
        candidate = await loadCandidateDecider(values.decider as string, process.cwd(), (values.aggregate as string | undefined) ?? 'account');
      } catch (error) {
        throw new UsageError(`--decider: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (values.aggregate !== undefined) candidate.aggregate = values.aggregate as string;
      if (!runtime.aggregates.all.some((aggregate) => aggregate.name === candidate!.aggregate)) throw new UsageError(`--aggregate: no aggregate named ${candidate.aggregate}`);
    }

    const replay = new DecisionReplay({
      aggregateFor: (id) => (category !== undefined && streamCategory(id) !== category ? null : aggregateForStream(runtime, id)),
      decideFor: (aggregate: AnyAggregate) => (candidate && aggregate.name === candidate.aggregate ? candidate.decide : (aggregate.decider.decide as Decide)),
      derive: deriveCommand,
      since,
      maxFindings: limit,
    });
    // Refused commands first: the replay decides each again when its stream reaches the version it saw.
    const journal = await runtime.journal.list({ streamId, from: since, limit: MAX_JOURNAL_ENTRIES });
    replay.addRefused(category === undefined ? journal : journal.filter((entry) => streamCategory(entry.streamId) === category));
    const journalNote = `${journal.length}${journal.length === MAX_JOURNAL_ENTRIES ? ' (the first)' : ''} refused command(s) from the journal`;
    const store = context.eventStore();
    if (streamId !== undefined) {
      const head = await headVersion(store.stored, streamId);
      for (let from = 1; from <= head; from += CHUNK) replay.add(await store.readStream(streamId, { fromVersion: from, toVersion: from + CHUNK - 1 }));
    } else {
      const head = await store.headPosition();
      for (let position = 0; position < head; ) {
        const events = await store.readAll({ fromPosition: position, limit: CHUNK });
        if (events.length === 0) break;
        replay.add(events);
        position = events.at(-1)!.globalPosition;
      }
    }
    const report = replay.finish();
    const decider = candidate ? `candidate ${candidate.path} (for ${candidate.aggregate})` : "today's deciders";
    if (context.json) return context.outJson({ decider, journal: journalNote, ...report });
    for (const finding of report.findings) {
      const where = `${finding.streamId} v${finding.versions.from}${finding.versions.to !== finding.versions.from ? `-${finding.versions.to}` : ''}`;
      const asked = finding.derived ? `${finding.command} (derived from the event; recorded as ${finding.recordedCommand})` : finding.command;
      context.out(`${finding.verdict.padEnd(16)} ${where}  ${asked}  by ${finding.actor} at ${finding.recordedAt}`);
      context.out(`${''.padEnd(17)}recorded: ${outcomeText(finding.recorded)}; now: ${outcomeText(finding.now)}${finding.commandId ? `  [command ${finding.commandId}]` : ''}`);
    }
    context.out(
      `${report.commandsReplayed} command(s) decided again by ${decider} (${report.derived} derived from events), ${report.same} the same, ${report.differing} differently` +
        `${report.truncated ? ` (first ${report.findings.length} listed)` : ''}; ${report.notReplayable} event(s) with no command to replay; ` +
        `${report.eventsRead} events read in ${report.elapsedMs} ms (${report.commandsPerSecond} commands/s). Nothing was written.`,
    );
    context.out(`Journal: ${journalNote} decided again.`);
  },
};
