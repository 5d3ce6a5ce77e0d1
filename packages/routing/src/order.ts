import type { Step } from './wegweiser.js';

/**
 * Orders steps by their `after` dependencies: a step's order is one more than the latest
 * step it depends on, so independent steps share a number. Dependencies on targets not on
 * the route are ignored. A cycle cannot stop the guide: its steps are placed after all
 * others and reported. Steps keep their given order within one number.
 */
export function orderSteps(steps: Map<string, Step>): { ordered: Step[]; warnings: string[] } {
  const VISITING = -2;
  const cyclic: Step[] = [];
  const depth = (step: Step): number => {
    if (step.order !== 0) return step.order;
    step.order = VISITING;
    let order = 1;
    for (const before of step.after) {
      const dependency = before === step.target ? undefined : steps.get(before);
      if (!dependency) continue;
      if (dependency.order === VISITING) {
        order = -1;
        break;
      }
      const d = depth(dependency);
      if (d < 0) {
        order = -1;
        break;
      }
      if (d + 1 > order) order = d + 1;
    }
    step.order = order;
    if (order < 0) cyclic.push(step);
    return order;
  };

  const ordered: Step[] = [];
  let last = 0;
  for (const step of steps.values()) {
    const order = depth(step);
    if (order > last) last = order;
    if (order > 0) ordered.push(step);
  }
  ordered.sort((a, b) => a.order - b.order);
  if (cyclic.length === 0) return { ordered, warnings: [] };
  const names = [...steps.values()].filter((step) => step.order < 0);
  for (const step of names) {
    step.order = last + 1;
    ordered.push(step);
  }
  return {
    ordered,
    warnings: [`dependency cycle between ${names.map((s) => s.target).join(', ')}; placed last`],
  };
}
