import { describe, expect, it } from 'vitest';
import { versionAtX } from './balance-chart';

describe('the version under a click on the balance chart', () => {
  // Plot insets: 88 px left (margin and y axis), 16 px right.
  const width = 88 + 1000 + 16;
  it('maps the plot area linearly onto the window, edges included', () => {
    expect(versionAtX(88, width, [0, 12_000])).toBe(0);
    expect(versionAtX(88 + 1000, width, [0, 12_000])).toBe(12_000);
    expect(versionAtX(88 + 500, width, [0, 12_000])).toBe(6_000);
    expect(versionAtX(88 + 250, width, [400, 600])).toBe(450);
  });
  it('clamps clicks beside the plot and survives a degenerate window', () => {
    expect(versionAtX(width, width, [0, 100])).toBe(100);
    expect(versionAtX(0, width, [10, 100])).toBe(10);
    expect(versionAtX(50, width, [5, 5])).toBe(5);
  });
});
