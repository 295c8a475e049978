import { describe, expect, it } from 'vitest';
import { ReadModelNotices } from './read-model-notices';

const projections = [
  { name: 'summary', eventTypes: ['AccountOpened', 'MoneyDeposited'] },
  { name: 'transactions', eventTypes: ['MoneyDeposited'] },
];

const progress = (summary: number, transactions: number, failed: string[] = []) => [
  { name: 'summary', position: summary, failed: failed.includes('summary') },
  { name: 'transactions', position: transactions, failed: failed.includes('transactions') },
];

describe('ReadModelNotices', () => {
  it('announces nothing for a connection from the beginning that has received nothing', () => {
    const notices = new ReadModelNotices(projections, 0);
    expect(notices.pending()).toBe(false);
    expect(notices.due(progress(10, 10))).toEqual([]);
  });

  it('waits until a projection has folded the delivered events it cares about, then announces once', () => {
    const notices = new ReadModelNotices(projections, 0);
    notices.delivered('AccountOpened', 1);
    notices.delivered('MoneyDeposited', 2);
    expect(notices.pending()).toBe(true);
    expect(notices.due(progress(0, 0))).toEqual([]);
    expect(notices.due(progress(2, 2))).toEqual([{ position: 2, projections: ['summary', 'transactions'] }]);
    expect(notices.pending()).toBe(false);
    expect(notices.due(progress(2, 2))).toEqual([]);
  });

  it('announces only projections that fold a delivered type', () => {
    const notices = new ReadModelNotices(projections, 0);
    notices.delivered('AccountOpened', 4);
    notices.delivered('SomethingElse', 5);
    expect(notices.due(progress(5, 5))).toEqual([{ position: 4, projections: ['summary'] }]);
  });

  it('reports partial progress of a lagging projection, lowest position first, never beyond what was delivered', () => {
    const notices = new ReadModelNotices(projections, 0);
    notices.delivered('MoneyDeposited', 3);
    notices.delivered('MoneyDeposited', 8);
    expect(notices.due(progress(9, 2))).toEqual([{ position: 8, projections: ['summary'] }]);
    expect(notices.due(progress(9, 5))).toEqual([{ position: 5, projections: ['transactions'] }]);
    expect(notices.due(progress(9, 12))).toEqual([{ position: 8, projections: ['transactions'] }]);
    expect(notices.pending()).toBe(false);
  });

  it('announces nothing for progress that covers none of the projection’s delivered events', () => {
    const notices = new ReadModelNotices(projections, 0);
    notices.delivered('AccountOpened', 1);
    notices.delivered('MoneyDeposited', 2);
    expect(notices.due(progress(1, 1))).toEqual([{ position: 1, projections: ['summary'] }]);
    expect(notices.due(progress(2, 2))).toEqual([{ position: 2, projections: ['summary', 'transactions'] }]);
  });

  it('on a resumed connection, announces the start once each projection reaches it', () => {
    const notices = new ReadModelNotices(projections, 20);
    expect(notices.pending()).toBe(true);
    expect(notices.due(progress(25, 15))).toEqual([{ position: 20, projections: ['summary'] }]);
    expect(notices.due(progress(25, 20))).toEqual([{ position: 20, projections: ['transactions'] }]);
    expect(notices.pending()).toBe(false);
  });

  it('stops waiting for a failed projection and resumes when it is live again', () => {
    const notices = new ReadModelNotices(projections, 0);
    notices.delivered('MoneyDeposited', 5);
    expect(notices.due(progress(5, 2, ['transactions']))).toEqual([{ position: 5, projections: ['summary'] }]);
    expect(notices.pending()).toBe(false);
    notices.delivered('AccountOpened', 6);
    expect(notices.due(progress(6, 5))).toEqual([
      { position: 5, projections: ['transactions'] },
      { position: 6, projections: ['summary'] },
    ]);
  });
});
