import type { Registry } from '@ankommen/registry';
import {
  Benefits,
  Citizenship,
  GermanLevel,
  Need,
  Protection,
  ResidenceArea,
  ResidenceStatus,
} from '@ankommen/taxonomy';
import type { Catalog } from './catalog.js';
import type { Condition } from './conditions.js';
import { createRouter } from './engine.js';
import type { Persona } from './personas.js';
import type { Profile } from './profile.js';
import { RuleSet, type Rule } from './rules.js';

/**
 * The kind of a problem {@link checkRuleSet} finds: `schema` (the rule set does not parse),
 * `unknown_target` (a step, `after`, `exclude` or `competent` id that is neither an agency nor
 * an offer), `unknown_service` (a `competent` agency lacks the service or a jurisdiction),
 * `cycle` (`after` dependencies that form a cycle), `contradiction` (a target required and
 * excluded for one profile), `unfired_rule` (no persona fires a rule).
 */
export type ProblemCode =
  'schema' | 'unknown_target' | 'unknown_service' | 'cycle' | 'contradiction' | 'unfired_rule';

/** One finding of {@link checkRuleSet}. */
export interface Problem {
  /** Errors make the check fail; warnings do not (e.g. a cycle only the union of all rules forms). */
  severity: 'error' | 'warning';
  code: ProblemCode;
  /** Dotted path into the rule set, where the problem has one place. */
  path?: string;
  /** The id of the rule at fault, where there is one. */
  rule?: string;
  /** The problem in English, naming the rule and the ids at fault. */
  message: string;
}

/** What {@link checkRuleSet} checks a rule set against. */
export interface CheckOptions {
  /** The agencies that step targets and `competent` conditions must name. */
  registry: Registry;
  /** The offers that step targets may name. */
  catalog: Catalog;
  /** Test cases: every rule must be fired by at least one. */
  personas?: readonly Persona[];
  /** Evaluation date `YYYY-MM-DD` for personas without their own, and for generated profiles. */
  date: string;
  /** How many generated profiles to search for contradictions and cycles (seeded, repeatable). */
  samples?: number;
}

/** The outcome of {@link checkRuleSet}. */
export interface CheckResult {
  /** True when no problem is an error (warnings allowed). */
  ok: boolean;
  /** The parsed rule set; absent when it has schema errors. */
  ruleSet?: RuleSet;
  /** Every problem found, errors and warnings. */
  problems: Problem[];
}

/**
 * Checks a rule set: schema errors (all at once, with paths), unknown target ids, dependency
 * cycles, contradictions (a target required and excluded for one profile) and rules that no
 * test case fires. Contradictions and cycles are searched on the personas and on generated
 * profiles, on every date where a rule starts or ends.
 */
export function checkRuleSet(input: unknown, options: CheckOptions): CheckResult {
  const parsed = RuleSet.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        severity: 'error' as const,
        code: 'schema' as const,
        path: issue.path.join('.'),
        message: issue.message,
      })),
    };
  }
  const ruleSet = parsed.data;
  const problems: Problem[] = [...unknownReferences(ruleSet, options), ...staticCycles(ruleSet)];
  if (problems.some((p) => p.severity === 'error')) return { ok: false, ruleSet, problems };

  const router = createRouter({
    rules: ruleSet,
    registry: options.registry,
    catalog: options.catalog,
  });
  const byId = new Map(ruleSet.rules.map((rule) => [rule.id, rule]));
  const dates = checkDates(ruleSet, options.date);
  const reported = new Set<string>();

  const inspect = (profile: Profile, date: string, label: string) => {
    const fired = router.firedRules(profile, date).map((id) => byId.get(id)!);
    for (const problem of contradictionsAndCycles(fired, label, date)) {
      const key = `${problem.code}:${problem.message.split(' for ')[0]}`;
      if (reported.has(key)) continue;
      reported.add(key);
      problems.push(problem);
    }
    return fired;
  };

  const firedByTests = new Set<string>();
  for (const persona of options.personas ?? []) {
    for (const rule of inspect(
      persona.profile,
      persona.date ?? options.date,
      `persona ${persona.id}`,
    )) {
      firedByTests.add(rule.id);
    }
  }
  const random = mulberry32(20261125);
  // The places generated profiles live in: every municipality a jurisdiction names, and one that none does.
  const municipalities = [
    ...new Set(
      options.registry.agencies.flatMap(
        (a) => a.jurisdiction?.areas.flatMap((area) => area.municipalities ?? []) ?? [],
      ),
    ),
    'Anywhere Else',
  ];
  const samples = options.samples ?? 20_000;
  for (let i = 0; i < samples; i++) {
    const date = dates[i % dates.length]!;
    inspect(randomProfile(random, municipalities), date, `generated profile ${i}`);
  }

  if (options.personas) {
    for (const rule of ruleSet.rules) {
      if (!firedByTests.has(rule.id)) {
        problems.push({
          severity: 'error',
          code: 'unfired_rule',
          rule: rule.id,
          message: `rule ${rule.id} (${rule.title}) is fired by no test case`,
        });
      }
    }
  }
  return { ok: !problems.some((p) => p.severity === 'error'), ruleSet, problems };
}

function unknownReferences(ruleSet: RuleSet, { registry, catalog }: CheckOptions): Problem[] {
  const problems: Problem[] = [];
  const known = (id: string) => registry.has(id) || catalog.has(id);
  ruleSet.rules.forEach((rule, index) => {
    const at = `rules.${index}`;
    rule.then.forEach((outcome, i) => {
      const ids = 'step' in outcome ? [outcome.step, ...outcome.after] : [outcome.exclude];
      for (const id of ids) {
        if (!known(id)) {
          problems.push({
            severity: 'error',
            code: 'unknown_target',
            path: `${at}.then.${i}`,
            rule: rule.id,
            message: `rule ${rule.id} names ${id}, which is neither an agency nor an offer`,
          });
        }
      }
    });
    walk(rule.when, (condition) => {
      if (!('competent' in condition)) return;
      const { agency, service } = condition.competent;
      const found = registry.get(agency);
      if (!found) {
        problems.push({
          severity: 'error',
          code: 'unknown_target',
          path: `${at}.when`,
          rule: rule.id,
          message: `rule ${rule.id} asks about unknown agency ${agency}`,
        });
      } else if (!found.services.some((s) => s.code === service) || !found.jurisdiction) {
        problems.push({
          severity: 'error',
          code: 'unknown_service',
          path: `${at}.when`,
          rule: rule.id,
          message: `rule ${rule.id}: agency ${agency} has no service ${service} with a jurisdiction`,
        });
      }
    });
  });
  return problems;
}

function walk(condition: Condition, visit: (condition: Condition) => void): void {
  visit(condition);
  if ('all' in condition) condition.all.forEach((c) => walk(c, visit));
  else if ('any' in condition) condition.any.forEach((c) => walk(c, visit));
  else if ('not' in condition) walk(condition.not, visit);
}

/** Cycles in the union of all `after` edges: possible, but only an error if rules that fire together form one. */
function staticCycles(ruleSet: RuleSet): Problem[] {
  const edges = new Map<string, Set<string>>();
  for (const rule of ruleSet.rules) {
    for (const outcome of rule.then) {
      if (!('step' in outcome)) continue;
      for (const before of outcome.after) {
        const set = edges.get(before) ?? new Set();
        set.add(outcome.step);
        edges.set(before, set);
      }
    }
  }
  const cycle = findCycle(edges);
  return cycle
    ? [
        {
          severity: 'warning',
          code: 'cycle',
          message: `the after-edges of all rules together form a cycle ${cycle.join(' → ')}; no tested or generated profile fires it`,
        },
      ]
    : [];
}

function findCycle(edges: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 1 | 2>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    state.set(node, 1);
    path.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === 1) return [...path.slice(path.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    path.pop();
    state.set(node, 2);
    return undefined;
  };
  for (const node of edges.keys()) {
    if (!state.has(node)) {
      const found = visit(node);
      if (found) return found;
    }
  }
  return undefined;
}

function contradictionsAndCycles(fired: Rule[], label: string, date: string): Problem[] {
  const problems: Problem[] = [];
  const required = new Map<string, string>();
  const excluded = new Map<string, string>();
  const edges = new Map<string, Set<string>>();
  for (const rule of fired) {
    for (const outcome of rule.then) {
      if ('exclude' in outcome) {
        excluded.set(outcome.exclude, rule.id);
        continue;
      }
      if (!outcome.optional) required.set(outcome.step, rule.id);
      for (const before of outcome.after) {
        const set = edges.get(before) ?? new Set();
        set.add(outcome.step);
        edges.set(before, set);
      }
    }
  }
  for (const [target, requiredBy] of required) {
    const excludedBy = excluded.get(target);
    if (excludedBy) {
      problems.push({
        severity: 'error',
        code: 'contradiction',
        rule: requiredBy,
        message: `${target} is required by ${requiredBy} and excluded by ${excludedBy} for ${label} on ${date}`,
      });
    }
  }
  const stepTargets = new Set(
    fired.flatMap((rule) => rule.then.flatMap((o) => ('step' in o ? [o.step] : []))),
  );
  const live = new Map<string, Set<string>>();
  for (const [from, tos] of edges) {
    if (!stepTargets.has(from)) continue;
    live.set(from, new Set([...tos].filter((to) => stepTargets.has(to))));
  }
  const cycle = findCycle(live);
  if (cycle) {
    problems.push({
      severity: 'error',
      code: 'cycle',
      message: `dependency cycle ${cycle.join(' → ')} for ${label} on ${date}`,
    });
  }
  return problems;
}

/** The dates worth checking: the given one, and each rule's first day, last day and the days around them. */
function checkDates(ruleSet: RuleSet, date: string): string[] {
  const dates = new Set<string>([date]);
  const shift = (d: string, days: number) =>
    new Date(Date.parse(`${d}T00:00:00Z`) + days * 864e5).toISOString().slice(0, 10);
  const visitCondition = (condition: Condition) => {
    if ('evaluation_date' in condition) {
      dates.add(condition.evaluation_date.value);
      dates.add(shift(condition.evaluation_date.value, -1));
    }
  };
  for (const rule of ruleSet.rules) {
    if (rule.validity?.from) dates.add(rule.validity.from).add(shift(rule.validity.from, -1));
    if (rule.validity?.until) dates.add(rule.validity.until).add(shift(rule.validity.until, 1));
    walk(rule.when, visitCondition);
  }
  return [...dates].sort();
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const nonEuStatuses = ResidenceStatus.options.filter((s) => s !== 'eu_free_movement');
const euStatuses = ['eu_free_movement', 'student', 'visitor', 'other'] as const;
const asylumStatuses = new Set(['asylum_seeker', 'asylum_seeker_unregistered', 'tolerated']);

/**
 * A random profile that a real person could give: status fits citizenship, benefits fit
 * status, only asylum seekers live in the LEA, only minors are unaccompanied. About one
 * field in six is left unanswered, to exercise the engine's unknowns.
 */
function randomProfile(random: () => number, municipalities: readonly string[]): Profile {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const maybe = <T>(value: T): T | undefined => (random() < 1 / 6 ? undefined : value);
  const citizenship = pick(Citizenship.options);
  const status =
    citizenship === 'german'
      ? 'other'
      : citizenship === 'EU' || citizenship === 'EEA_CH'
        ? pick(euStatuses)
        : pick(nonEuStatuses);
  const asylum = asylumStatuses.has(status);
  const age =
    status === 'unaccompanied_minor' ? 10 + Math.floor(random() * 8) : Math.floor(random() * 80);
  const year = 2015 + Math.floor(random() * 12);
  const month = 1 + Math.floor(random() * 12);
  const arrival = `${year}-${String(month).padStart(2, '0')}`;
  const ukraineAfterChange = status === 'temporary_protection_ukraine' && arrival >= '2025-04';
  const benefits =
    asylum || ukraineAfterChange
      ? pick(['none', 'asylblg'] as const)
      : pick(Benefits.options.filter((b) => b !== 'asylblg'));
  const employed = random() < 0.5;
  const profile: Profile = {
    age: maybe(age),
    citizenship: maybe(citizenship),
    residence: maybe(pick(ResidenceArea.options)),
    status: maybe(status),
    benefits: maybe(benefits),
    german_level: maybe(pick(GermanLevel.options)),
    children: maybe(random() < 0.5 ? [] : [Math.floor(random() * 18), Math.floor(random() * 18)]),
    has_foreign_degree: maybe(random() < 0.5),
    employed: maybe(benefits === 'alg1' ? false : employed),
    needs: maybe(Need.options.filter(() => random() < 0.2)),
    municipality: maybe(pick(municipalities)),
    arrival_date: maybe(arrival),
    protection:
      status === 'recognised_refugee' && random() < 0.5 ? pick(Protection.options) : undefined,
    has_id_documents: maybe(random() < 0.7),
    in_lea: asylum ? maybe(random() < 0.5) : random() < 0.5 ? false : undefined,
    unaccompanied: age < 18 ? maybe(status === 'unaccompanied_minor') : undefined,
    literate: maybe(random() < 0.8),
    wohnsitzauflage:
      citizenship === 'third_country' || citizenship === 'stateless'
        ? maybe(random() < 0.2)
        : undefined,
    wants_to_move_to: random() < 0.2 ? pick(ResidenceArea.options) : undefined,
    prior_work_in_germany: maybe(benefits === 'alg1' ? true : random() < 0.3),
  };
  for (const key of Object.keys(profile) as (keyof Profile)[]) {
    if (profile[key] === undefined) delete profile[key];
  }
  return profile;
}
