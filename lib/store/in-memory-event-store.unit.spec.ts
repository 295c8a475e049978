import { InMemoryEventStore } from '../core/in-memory-event-store';
import { describeEventStoreContract } from './testing/event-store-contract';

describeEventStoreContract('in-memory', async () => ({ store: new InMemoryEventStore(), cleanup: async () => undefined }));
