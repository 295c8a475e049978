import { customerActor, customerName } from '../seed/customers';
import { DEFAULT_DEMO_ACTOR } from './http/demo-actor';

export type DemoIdentity = { actor: string; name: string; role: 'customer' | 'teller' | 'auditor' | 'visitor' };

/** Who a visitor can act as in the demo: seeded customers, a teller, an auditor. */
export const DEMO_IDENTITIES: readonly DemoIdentity[] = [
  { actor: 'teller:ann', name: 'Ann Hughes (teller)', role: 'teller' },
  { actor: 'auditor:amir', name: 'Amir Nasser (auditor)', role: 'auditor' },
  ...Array.from({ length: 12 }, (_, i): DemoIdentity => {
    const name = customerName(i);
    return { actor: customerActor(name), name, role: 'customer' };
  }),
  { actor: DEFAULT_DEMO_ACTOR, name: 'Anonymous visitor', role: 'visitor' },
];

export const demoIdentity = (actor: string): DemoIdentity =>
  DEMO_IDENTITIES.find((identity) => identity.actor === actor) ?? { actor, name: actor, role: 'visitor' };
