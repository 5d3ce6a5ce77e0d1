import { describe, expect, it } from 'vitest';
import { orderSteps } from './order.js';
import type { Step } from './wegweiser.js';

const step = (target: string, after: string[] = []): Step => ({
  target,
  order: 0,
  optional: false,
  documents: [],
  after,
  because: [],
  offers: [],
});

describe('orderSteps', () => {
  it('places each step one after the latest step it depends on', () => {
    const steps = new Map(
      [step('a'), step('b', ['a']), step('c', ['a', 'b']), step('d')].map((s) => [s.target, s]),
    );
    const { ordered, warnings } = orderSteps(steps);
    expect(ordered.map((s) => [s.target, s.order])).toEqual([
      ['a', 1],
      ['d', 1],
      ['b', 2],
      ['c', 3],
    ]);
    expect(warnings).toEqual([]);
  });

  it('ignores dependencies on steps that are not on the route', () => {
    const steps = new Map([step('b', ['not-there'])].map((s) => [s.target, s]));
    expect(orderSteps(steps).ordered[0]?.order).toBe(1);
  });

  it('survives a cycle: its steps go last, with a warning', () => {
    const steps = new Map(
      [step('a'), step('b', ['c']), step('c', ['b'])].map((s) => [s.target, s]),
    );
    const { ordered, warnings } = orderSteps(steps);
    expect(ordered.map((s) => [s.target, s.order])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 2],
    ]);
    expect(warnings[0]).toMatch(/cycle between b, c/);
  });
});
