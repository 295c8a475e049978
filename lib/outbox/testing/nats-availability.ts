import { connect } from '@nats-io/transport-node';

export const TEST_NATS_URL = process.env.TEST_NATS_URL ?? process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/**
 * Whether NATS tests can run. In CI a missing server is a failure, not a skip;
 * on a laptop without NATS the tests skip and say so.
 */
export const natsAvailable = async (): Promise<boolean> => {
  try {
    const nc = await connect({ servers: TEST_NATS_URL, timeout: 3000, reconnect: false });
    await nc.close();
    return true;
  } catch (error) {
    if (process.env.CI) throw new Error(`NATS is required in CI but unreachable at ${TEST_NATS_URL}: ${(error as Error).message}`);
    console.warn(`\n⚠ SKIPPING NATS tests: no server at ${TEST_NATS_URL} (${(error as Error).message})\n`);
    return false;
  }
};
