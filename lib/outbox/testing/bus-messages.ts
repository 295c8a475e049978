import { randomUUID } from 'node:crypto';
import type { BusMessage } from '../message-bus';
import { subjectFor } from '../subjects';

/** A message as the relay would build it, for bus tests that need no database. */
export const busMessage = (streamId: string, streamVersion: number, type = 'MoneyDeposited', data: unknown = { amount: streamVersion }): BusMessage => {
  const category = streamId.split('-')[0]!;
  return {
    id: randomUUID(),
    subject: subjectFor(category, type),
    category,
    type,
    streamId,
    streamVersion,
    globalPosition: streamVersion,
    schemaVersion: 1,
    data,
    metadata: { actor: 'test', correlationId: randomUUID(), causationId: null, commandId: null },
    recordedAt: new Date().toISOString(),
  };
};

/** Resolves once `predicate` holds, polling; rejects after `timeoutMs`. */
export const eventually = async (predicate: () => boolean | Promise<boolean>, timeoutMs = 15_000, what = 'condition'): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

export const uniqueBusNames = () => {
  const tag = randomUUID().replaceAll('-', '').slice(0, 10);
  return { streamName: `CHRONICLE_TEST_${tag}`, subjectPrefix: `chronicle-test-${tag}.events` };
};
