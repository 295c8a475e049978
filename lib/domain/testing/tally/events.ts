/* A tally: a named counter that is started, added to and closed. A fixture aggregate for tests, not a product feature. */

export type TallyStarted = { type: 'TallyStarted'; data: { tallyId: string; label: string; startedAt: string } };
export type TallyAdded = { type: 'TallyAdded'; data: { tallyId: string; count: number } };
export type TallyClosed = { type: 'TallyClosed'; data: { tallyId: string; total: number } };

export type TallyEvent = TallyStarted | TallyAdded | TallyClosed;

export const TALLY_EVENT_TYPES: readonly TallyEvent['type'][] = ['TallyStarted', 'TallyAdded', 'TallyClosed'];
