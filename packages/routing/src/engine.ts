import type { Registry } from '@ankommen/registry';
import { pickText } from '@ankommen/taxonomy';
import type { Catalog } from './catalog.js';
import { factsOf } from './conditions.js';
import { compileRuleSet } from './codegen.js';
import {
  FALSE,
  toFacts,
  TRUE,
  UNKNOWN,
  type EvaluationContext,
  type Facts,
  type Truth,
} from './evaluate.js';
import { facts as factDefinitions } from './facts.js';
import { createOfferMatcher, type OfferMatcher } from './offer-matching.js';
import { orderSteps } from './order.js';
import { profileFields, type Profile, type ProfileField } from './profile.js';
import type { Rule, RuleSet, StepOutcome } from './rules.js';
import type { Exclusion, Reason, Step, Wegweiser } from './wegweiser.js';

/** Options of one route: the evaluation date and the languages. */
export interface RouteOptions {
  /** Evaluation date `YYYY-MM-DD`. Rules and offers are valid on dates; inject it, default today. */
  date?: string;
  /** Language of the explanation texts; falls back to English, then German. Default `de`. */
  lang?: string;
  /** Languages the person speaks, for offer matching; default: `lang`. */
  languages?: readonly string[];
}

/** What a router is compiled from: a city's validated rules, registry and offers. */
export interface RouterInput {
  /** A parsed rule set (`RuleSet.parse`). */
  rules: RuleSet;
  /** The agencies, for `competent` conditions and for where their offers are available. */
  registry: Registry;
  /** The offers, matched to steps and to the person. */
  catalog: Catalog;
}

/** A compiled rule set, made by {@link createRouter}; routes profiles synchronously. */
export interface Router {
  /** The Wegweiser for a profile (parsed with `parseProfile` or `Profile.parse`). */
  route(profile: Profile, options?: RouteOptions): Wegweiser;
  /** Ids of the rules that fire for a profile on a date (for coverage checks). */
  firedRules(profile: Profile, date: string): string[];
  /**
   * The decision for a profile: its key, and its Wegweiser built on demand from the same
   * evaluation. See {@link Decision}.
   */
  decide(profile: Profile, options?: RouteOptions): Decision;
}

/**
 * What the Wegweiser of a profile is decided by: the truth of every rule, which questions are
 * unanswered, the offer matcher's reduced view of the person, the date and the languages.
 */
export interface Decision {
  /**
   * Profiles with equal keys get equal Wegweisers, so a Wegweiser can be kept by its key
   * instead of by the profile. Before `keyOf` ({@link RouterOptions}) it holds no age, place,
   * nationality or arrival date, but does say which rules held and which groups the person
   * is in.
   */
  readonly key: string;
  /** The Wegweiser decided (the same as `route` gives). */
  wegweiser(): Wegweiser;
}

interface CompiledRule {
  rule: Rule;
  from: string;
  until: string;
  steps: StepOutcome[];
  excludes: string[];
  /** Profile fields the rule's condition reads, in profile order. */
  asks: ProfileField[];
  reasons: Map<string, Reason>;
}

const fieldRank = new Map(profileFields.map((field, index) => [field, index]));

/** A rule's explanation in a language (with fallback), and its sources as URLs. Frozen: shared by every answer. */
export function reasonOf(rule: Rule, ruleSet: RuleSet, lang: string): Reason {
  const picked = pickText(rule.because, lang);
  const sources = rule.sources.map((ref) => ruleSet.sources[ref]?.url ?? ref);
  return Object.freeze({
    rule: rule.id,
    text: picked?.text ?? '',
    lang: picked?.lang ?? lang,
    source: sources[0] ?? '',
    sources: Object.freeze(sources),
  });
}

/** Today's date in UTC, for callers that give none. Tests always inject a date. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** How a router is made. */
export interface RouterOptions {
  /**
   * Turns a text made of a person's answers into the key it is kept by across routes: the
   * registry's answers by person, and each decision's `key`. Default: the text itself. A
   * long-lived router, such as a server's, should get a keyed hash (the API: SHA-256 with a
   * secret of its own, ADR 0020), so that what it keeps cannot be read without the secret.
   */
  keyOf?: (text: string) => string;
}

/**
 * Compiles a rule set once: all conditions into one generated function (see codegen.ts), offers
 * into bit masks. The router then routes profiles synchronously, allocating little.
 */
export function createRouter(
  { rules: ruleSet, registry, catalog }: RouterInput,
  { keyOf = (text) => text }: RouterOptions = {},
): Router {
  const compiled: CompiledRule[] = ruleSet.rules.map((rule) => {
    const asks = new Set<ProfileField>();
    for (const fact of factsOf(rule.when))
      for (const field of factDefinitions[fact].askFor) asks.add(field);
    return {
      rule,
      from: rule.validity?.from ?? '0000-00-00',
      until: rule.validity?.until ?? '9999-99-99',
      steps: rule.then.filter((o): o is StepOutcome => 'step' in o),
      excludes: rule.then.flatMap((o) => ('exclude' in o ? [o.exclude] : [])),
      asks: [...asks].sort((a, b) => (fieldRank.get(a) ?? 0) - (fieldRank.get(b) ?? 0)),
      reasons: new Map(),
    };
  });
  const routingTargets = new Set<string>();
  for (const entry of compiled) {
    for (const outcome of entry.steps) routingTargets.add(outcome.step);
    for (const target of entry.excludes) routingTargets.add(target);
  }
  const matcher: OfferMatcher = createOfferMatcher(catalog, registry, routingTargets);

  const reasonFor = (entry: CompiledRule, lang: string): Reason => {
    let reason = entry.reasons.get(lang);
    if (!reason) {
      reason = reasonOf(entry.rule, ruleSet, lang);
      entry.reasons.set(lang, reason);
    }
    return reason;
  };

  // The registry's answers by person (the facts competence depends on, through `keyOf`), then
  // service, then agency: the person's key is built once per route, the lookups allocate
  // nothing, and a person who comes again costs no registry call.
  const competence = new Map<string, Map<string, Map<string, Truth>>>();
  let evaluating: Facts | undefined;
  let personAnswers = new Map<string, Map<string, Truth>>();
  // One context for all evaluations: routing is synchronous, so only `date` changes between them.
  const context: EvaluationContext = {
    date: '',
    competent(service, agency, f: Facts) {
      if (f !== evaluating) {
        evaluating = f;
        // What the registry reads, as it reads it (the rules and the registry fold names alike,
        // foldName); JSON, so that an answer left out is never the same as any answer given.
        const person = keyOf(
          JSON.stringify([
            f.residence,
            f.municipality_folded ?? null,
            f.citizenship,
            f.status,
            f.age,
          ]),
        );
        let answers = competence.get(person);
        if (!answers) {
          if (competence.size > 10_000) competence.clear();
          competence.set(person, (answers = new Map()));
        }
        personAnswers = answers;
      }
      let byAgency = personAnswers.get(service);
      if (!byAgency) personAnswers.set(service, (byAgency = new Map()));
      let answer = byAgency.get(agency);
      if (answer === undefined) {
        const result = registry.competentFor({
          service,
          place: { residence: f.residence, municipality: f.municipality },
          person: { citizenship: f.citizenship, status: f.status, age: f.age },
        });
        const named = result.agencies.some((a) => a.id === agency);
        answer = !named ? FALSE : result.missing.length > 0 ? UNKNOWN : TRUE;
        byAgency.set(agency, answer);
      }
      return answer;
    },
  };

  const evaluateAll = compileRuleSet(
    compiled.map(({ rule, from, until }) => ({ when: rule.when, from, until })),
  );
  // Routing is synchronous: one buffer takes every evaluation, read out as one character per
  // rule (FALSE, TRUE or UNKNOWN), which is also that part of a decision's key.
  const truths = new Uint8Array(compiled.length);
  const truthsText = new TextDecoder('latin1');
  const evaluate = (f: Facts, date: string): string => {
    context.date = date;
    try {
      evaluateAll(f, context, truths);
      return truthsText.decode(truths);
    } finally {
      // Nothing of this person stays with the router: not the facts, not the rules' truths.
      evaluating = undefined;
      truths.fill(0);
    }
  };

  const deadlineTexts = new Map<StepOutcome, Map<string, string | undefined>>();
  const deadlineText = (outcome: StepOutcome, lang: string): string | undefined => {
    if (!outcome.deadline) return undefined;
    let byLang = deadlineTexts.get(outcome);
    if (!byLang) deadlineTexts.set(outcome, (byLang = new Map()));
    if (!byLang.has(lang)) byLang.set(lang, pickText(outcome.deadline.text, lang)?.text);
    return byLang.get(lang);
  };

  const build = (
    profile: Profile,
    f: Facts,
    decided: string,
    date: string,
    lang: string,
    languages: readonly string[],
  ): Wegweiser => {
    const fired: CompiledRule[] = [];
    const unknown: CompiledRule[] = [];
    for (let i = 0; i < compiled.length; i++) {
      const truth = decided.charCodeAt(i);
      if (truth === TRUE) fired.push(compiled[i]!);
      else if (truth === UNKNOWN) unknown.push(compiled[i]!);
    }

    const excluded = new Map<string, Reason[]>();
    for (const entry of fired) {
      for (const target of entry.excludes) {
        const reasons = excluded.get(target);
        if (reasons) reasons.push(reasonFor(entry, lang));
        else excluded.set(target, [reasonFor(entry, lang)]);
      }
    }

    const steps = new Map<string, Step>();
    for (const entry of fired) {
      for (const outcome of entry.steps) {
        if (excluded.has(outcome.step)) continue;
        const reason = reasonFor(entry, lang);
        const days = outcome.deadline?.days;
        const step = steps.get(outcome.step);
        if (!step) {
          const created: Step = {
            target: outcome.step,
            order: 0,
            optional: outcome.optional,
            documents: outcome.documents.slice(),
            after: outcome.after.slice(),
            because: [reason],
            offers: [],
          };
          const text = deadlineText(outcome, lang);
          if (text) created.deadline = text;
          if (days) created.deadline_days = days;
          steps.set(outcome.step, created);
          continue;
        }
        step.optional &&= outcome.optional;
        if (!step.because.includes(reason)) step.because.push(reason);
        for (const doc of outcome.documents)
          if (!step.documents.includes(doc)) step.documents.push(doc);
        for (const before of outcome.after)
          if (!step.after.includes(before)) step.after.push(before);
        if (days && (step.deadline_days === undefined || days < step.deadline_days)) {
          step.deadline_days = days;
          const text = deadlineText(outcome, lang);
          if (text) step.deadline = text;
        }
      }
    }

    const { ordered, warnings } = orderSteps(steps);
    for (const step of ordered) step.offers = matcher.forTarget(step.target, f, date);

    let missing: ProfileField[] = [];
    for (const entry of unknown) {
      if (!changesResult(entry, steps, excluded)) continue;
      for (const field of entry.asks) {
        if (profile[field] === undefined && !missing.includes(field)) missing.push(field);
      }
    }
    if (missing.length > 1)
      missing = missing.sort((a, b) => (fieldRank.get(a) ?? 0) - (fieldRank.get(b) ?? 0));

    const exclusions: Exclusion[] = [];
    for (const [target, because] of excluded) exclusions.push({ target, because });

    return {
      date,
      lang,
      steps: ordered,
      excluded: exclusions,
      missing,
      offers: matcher.match(f, date, steps, excluded, languages),
      warnings,
    };
  };

  // What a route and a decision both start from: the options' defaults, facts and truths.
  const settle = (profile: Profile, options: RouteOptions) => {
    const date = options.date ?? today();
    const lang = options.lang ?? 'de';
    const f = toFacts(profile, date);
    return { date, lang, languages: options.languages ?? [lang], f, decided: evaluate(f, date) };
  };

  return {
    firedRules(profile, date) {
      const decided = evaluate(toFacts(profile, date), date);
      const fired: string[] = [];
      for (let i = 0; i < compiled.length; i++)
        if (decided.charCodeAt(i) === TRUE) fired.push(compiled[i]!.rule.id);
      return fired;
    },
    route(profile, options = {}) {
      const { date, lang, languages, f, decided } = settle(profile, options);
      return build(profile, f, decided, date, lang, languages);
    },
    decide(profile, options = {}) {
      const { date, lang, languages, f, decided } = settle(profile, options);
      // A bit per field: the profile has 22, and a test keeps them within the 32 bits.
      let unanswered = 0;
      for (let i = 0; i < profileFields.length; i++)
        if (profile[profileFields[i]!] === undefined) unanswered |= 1 << i;
      // Lengths first, so that no text can pass for another part of the key.
      const asked = options.languages
        ? JSON.stringify([date, lang, options.languages])
        : `${date.length}:${date}${lang.length}:${lang}`;
      return {
        key: keyOf(`${asked}|${unanswered}|${matcher.personKey(f)}|${decided}`),
        wegweiser: () => build(profile, f, decided, date, lang, languages),
      };
    },
  };
}

/** Would firing this (undecided) rule change the route? Only then is its question worth asking. */
function changesResult(
  entry: CompiledRule,
  steps: Map<string, Step>,
  excluded: Map<string, Reason[]>,
): boolean {
  for (const target of entry.excludes) if (steps.has(target)) return true;
  for (const outcome of entry.steps) {
    if (excluded.has(outcome.step)) continue;
    const step = steps.get(outcome.step);
    if (!step || (step.optional && !outcome.optional)) return true;
    if (outcome.documents.some((doc) => !step.documents.includes(doc))) return true;
    const days = outcome.deadline?.days;
    if (days !== undefined && (step.deadline_days === undefined || days < step.deadline_days))
      return true;
    if (outcome.after.some((before) => steps.has(before) && !step.after.includes(before)))
      return true;
  }
  return false;
}

const routers = new WeakMap<RuleSet, WeakMap<Registry, WeakMap<Catalog, Router>>>();

/**
 * Routes a profile: the Wegweiser of shared/domain/profile.md. Compiles the rule set on
 * first use and caches the router for these three inputs.
 */
export function route(profile: Profile, input: RouterInput & RouteOptions): Wegweiser {
  let byRegistry = routers.get(input.rules);
  if (!byRegistry) routers.set(input.rules, (byRegistry = new WeakMap()));
  let byCatalog = byRegistry.get(input.registry);
  if (!byCatalog) byRegistry.set(input.registry, (byCatalog = new WeakMap()));
  let router = byCatalog.get(input.catalog);
  if (!router) byCatalog.set(input.catalog, (router = createRouter(input)));
  return router.route(profile, input);
}
