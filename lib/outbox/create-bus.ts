import { InProcessBus } from './in-process-bus';
import type { MessageBus } from './message-bus';
import type { MessagingConfig } from './messaging-config';
import { NatsBus } from './nats-bus';

/** JetStream when NATS_URL is set, otherwise the in-process bus. */
export const createBus = async (config: MessagingConfig, log?: (message: string) => void): Promise<MessageBus> =>
  config.natsUrl
    ? NatsBus.connect({
        servers: config.natsUrl,
        streamName: config.natsStream,
        subjectPrefix: config.natsSubjectPrefix,
        replicas: config.natsStreamReplicas ?? undefined,
        log,
      })
    : new InProcessBus();
