import type { RecordedEvent } from '../core/envelope';
import type { EventStore } from '../core/event-store';
import { handleCommand } from '../core/command-handler';
import { fold } from '../core/decider';
import type { TransferCommand } from '../domain/transfer/commands';
import { nextStep, transferDecider, transferStreamId, type TransferStep } from '../domain/transfer/decider';
import type { FailureReason, TransferEvent, TransferLeg } from '../domain/transfer/events';
import { STEP_TIMEOUT_REASON } from '../domain/transfer/rules';
import type { TransferState } from '../domain/transfer/state';
import { isRefusal, landedLeg, refusalReason, runLeg, TRANSFER_ACTOR, type LegSender } from './transfer-legs';

export type TransferProcessOptions = {
  /** How long one attempt at a leg may take before it counts as failed. */
  stepTimeoutMs: number;
  /** Failed or timed-out attempts at a debit or credit before it is given up and compensated. */
  maxAttempts: number;
  clock?: () => Date;
  log?: (message: string) => void;
  /** How legs are sent: the runtime's command bus; straight through the store without one. */
  commands?: LegSender;
};

export type AdvanceOutcome = {
  status: TransferState['status'];
  /** A leg failed for a reason that may pass (timeout, database unavailable): call `advance` again later. */
  retry: boolean;
};

type Started = Exclude<TransferState, { status: 'none' }>;

class StepTimeout extends Error {
  constructor(step: string, ms: number) {
    super(`The ${step} took longer than ${ms} ms`);
  }
}

const STEP_WORDS: Record<TransferStep, string> = { debit: 'debit of the source account', credit: 'credit of the destination account', refund: 'refund' };

/**
 * The transfer process manager: reads a transfer's stream, runs the account
 * leg its state calls for, records the leg's outcome in the stream, and
 * repeats until the transfer is completed or failed. It keeps nothing that a
 * restart needs: every leg carries a command id derived from the transfer and
 * step, so a leg repeated after a crash writes nothing new, and every outcome
 * is recorded with a deterministic command id too.
 */
export class TransferProcess {
  private readonly attempts = new Map<string, number>();
  /** Attempts that timed out but may still land; compensation waits for them. */
  private readonly pending = new Map<string, Promise<unknown>[]>();
  private readonly clock: () => Date;

  constructor(
    private readonly store: EventStore,
    private readonly options: TransferProcessOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  async advance(transferId: string): Promise<AdvanceOutcome> {
    for (;;) {
      const { state, last } = await this.load(transferId);
      if (state.status === 'none') return { status: 'none', retry: false };
      const step = nextStep(state);
      if (!step || !last) return { status: state.status, retry: false };
      const progressed = await this.runStep(step, state, last);
      if (!progressed) return { status: state.status, retry: true };
    }
  }

  private async load(transferId: string): Promise<{ state: TransferState; last: RecordedEvent | undefined }> {
    const events = await this.store.readStream(transferStreamId(transferId));
    return { state: fold(transferDecider, events as unknown as TransferEvent[]), last: events.at(-1) };
  }

  /** One attempt at the step; true when its outcome was recorded. */
  private async runStep(step: TransferStep, state: Started, cause: RecordedEvent): Promise<boolean> {
    const key = `${state.details.transferId}:${step}`;
    const attempt = runLeg(this.store, step, state, cause, this.clock(), this.options.commands);
    try {
      const leg = await this.withTimeout(key, step, attempt);
      await this.recordLanded(step, state, leg, cause);
      this.forget(key);
      return true;
    } catch (error) {
      if (isRefusal(error) && step !== 'refund') {
        await this.recordRefused(step, state, refusalReason(error), cause);
        this.forget(key);
        return true;
      }
      const attempts = (this.attempts.get(key) ?? 0) + 1;
      this.attempts.set(key, attempts);
      this.options.log?.(`transfer ${state.details.transferId}: ${step} attempt ${attempts} failed: ${(error as Error).message}`);
      // A refund is itself the compensation: it is retried until it lands, never given up.
      if (step === 'refund' || attempts < this.options.maxAttempts) return false;
      await this.settle(key);
      await this.recordRefused(step, state, STEP_TIMEOUT_REASON(STEP_WORDS[step], attempts), cause);
      this.forget(key);
      return true;
    }
  }

  private async withTimeout<T>(key: string, step: string, attempt: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StepTimeout(step, this.options.stepTimeoutMs)), this.options.stepTimeoutMs);
    });
    try {
      return await Promise.race([attempt, timeout]);
    } catch (error) {
      if (error instanceof StepTimeout) this.pending.set(key, [...(this.pending.get(key) ?? []), attempt.catch(() => undefined)]);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Waits for every timed-out attempt of this step, so none lands after it was given up. */
  private async settle(key: string): Promise<void> {
    await Promise.all(this.pending.get(key) ?? []);
  }

  private forget(key: string): void {
    this.attempts.delete(key);
    this.pending.delete(key);
  }

  private async recordLanded(step: TransferStep, state: Started, leg: TransferLeg, cause: RecordedEvent): Promise<void> {
    const type = step === 'debit' ? 'RecordDebit' : step === 'credit' ? 'RecordCredit' : 'RecordRefund';
    await this.record(state, { type, data: leg } as TransferCommand, `record-${step}`, leg.eventId, cause);
  }

  /**
   * A refused or abandoned debit or credit. The account stream is asked first:
   * if the leg landed after all (a late attempt, another process), that wins.
   */
  private async recordRefused(step: TransferStep, state: Started, reason: FailureReason, cause: RecordedEvent): Promise<void> {
    const landed = await landedLeg(this.store, step, state);
    if (landed) return this.recordLanded(step, state, landed, cause);
    const type = step === 'debit' ? 'RecordDebitRejected' : 'RecordCreditRejected';
    await this.record(state, { type, data: { reason } } as TransferCommand, `reject-${step}`, cause.eventId, cause);
  }

  private async record(state: Started, command: Omit<TransferCommand, 'metadata'>, what: string, causationId: string, cause: RecordedEvent) {
    const { transferId } = state.details;
    await handleCommand(this.store, transferDecider, transferStreamId(transferId), {
      ...command,
      metadata: {
        commandId: `transfer:${transferId}:${what}`,
        now: this.clock().toISOString(),
        actor: TRANSFER_ACTOR,
        correlationId: transferId,
        causationId: causationId ?? cause.eventId,
      },
    } as TransferCommand);
  }
}
