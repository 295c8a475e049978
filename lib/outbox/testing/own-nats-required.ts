import { NATS_SERVER_BINARY, OwnNatsServer } from './own-nats-server';

/** Tests that stop and restart a nats-server need the binary: required in CI, skipped with a message elsewhere. */
export const ownNatsServerAvailable = (): boolean => {
  if (OwnNatsServer.available()) return true;
  if (process.env.CI) throw new Error(`nats-server is required in CI but missing at ${NATS_SERVER_BINARY} (apt-get install nats-server)`);
  console.warn(`\n⚠ SKIPPING NATS restart tests: no nats-server at ${NATS_SERVER_BINARY} (set NATS_SERVER_BIN)\n`);
  return false;
};
