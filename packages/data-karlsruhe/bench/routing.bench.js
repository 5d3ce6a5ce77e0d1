// Routing throughput on the Karlsruhe rule set, beside json-rules-engine evaluating a
// faithful translation of the same conditions, in the same process and run.
// Usage: npm run bench (from the repo root), or `node bench/routing.bench.js [seconds]`.
import { createRouter } from '@ankommen/routing';
import { Engine } from 'json-rules-engine';
import { karlsruhe } from '@ankommen/data-karlsruhe';

const seconds = Number(process.argv[2] ?? 3);
const date = '2026-11-25';
const data = karlsruhe();
const router = createRouter(data);
const profiles = data.personas.map((persona) => persona.profile);

function measure(label, fn) {
  const warmUntil = performance.now() + 500;
  while (performance.now() < warmUntil) fn();
  let count = 0;
  const start = performance.now();
  const until = start + seconds * 1000;
  while (performance.now() < until) {
    for (let i = 0; i < 100; i++) fn();
    count += 100;
  }
  const perSecond = count / ((performance.now() - start) / 1000);
  return { label, perSecond };
}

async function measureAsync(fn) {
  for (const until = performance.now() + 500; performance.now() < until;) await fn();
  let count = 0;
  const start = performance.now();
  const until = start + seconds * 1000;
  while (performance.now() < until) {
    await fn();
    count++;
  }
  return count / ((performance.now() - start) / 1000);
}

// ---- our engine: complete routes (steps, order, reasons, missing, offer matching)
let index = 0;
let sink = 0;
const ours = measure('ankommen route()', () => {
  const wegweiser = router.route(profiles[index++ % profiles.length], { date, lang: 'de' });
  sink += wegweiser.steps.length + wegweiser.offers.length;
});

// ---- json-rules-engine: the same conditions, translated
const ordinal = ['none', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'];
const custom = {
  between: (a, [min, max]) => a !== undefined && a >= min && a <= max,
  anyBetween: (list, [min, max]) => Array.isArray(list) && list.some((x) => x >= min && x <= max),
  containsAny: (list, values) => Array.isArray(list) && list.some((x) => values.includes(x)),
  isEmpty: (list) => Array.isArray(list) && list.length === 0,
  answered: (a) => a !== undefined && a !== null,
  dateBefore: (a, b) => typeof a === 'string' && a < b,
  dateOnOrAfter: (a, b) => typeof a === 'string' && a >= b,
  levelLt: (a, b) => a !== undefined && ordinal.indexOf(a) < ordinal.indexOf(b),
  levelLte: (a, b) => a !== undefined && ordinal.indexOf(a) <= ordinal.indexOf(b),
  levelGt: (a, b) => a !== undefined && ordinal.indexOf(a) > ordinal.indexOf(b),
  levelGte: (a, b) => a !== undefined && ordinal.indexOf(a) >= ordinal.indexOf(b),
};
const operator = {
  eq: 'equal',
  ne: 'notEqual',
  in: 'in',
  not_in: 'notIn',
  lt: 'lessThan',
  lte: 'lessThanInclusive',
  gt: 'greaterThan',
  gte: 'greaterThanInclusive',
  contains: 'contains',
  contains_any: 'containsAny',
  between: 'between',
  any_between: 'anyBetween',
  is_empty: 'isEmpty',
  answered: 'answered',
  before: 'dateBefore',
  on_or_after: 'dateOnOrAfter',
};

function translate(condition) {
  if ('all' in condition) return { all: condition.all.map(translate) };
  if ('any' in condition) return { any: condition.any.map(translate) };
  if ('not' in condition) return { not: translate(condition.not) };
  if ('evaluation_date' in condition) {
    const { op, value } = condition.evaluation_date;
    return {
      fact: 'evaluation_date',
      operator: op === 'before' ? 'dateBefore' : 'dateOnOrAfter',
      value,
    };
  }
  if ('competent' in condition)
    return { fact: 'competent', params: condition.competent, operator: 'equal', value: true };
  const { fact, op, value } = condition;
  const levelOperator = { lt: 'levelLt', lte: 'levelLte', gt: 'levelGt', gte: 'levelGte' }[op];
  if (fact === 'german_level' && levelOperator) return { fact, operator: levelOperator, value };
  const name = fact === 'arrival_date' ? 'arrival_first' : fact;
  return { fact: name, operator: operator[op], value: value === undefined ? null : value };
}

const engine = new Engine([], { allowUndefinedFacts: true });
for (const [name, fn] of Object.entries(custom)) engine.addOperator(name, fn);
for (const rule of data.rules.rules) {
  const validity = [];
  if (rule.validity?.from)
    validity.push({
      fact: 'evaluation_date',
      operator: 'dateOnOrAfter',
      value: rule.validity.from,
    });
  if (rule.validity?.until)
    validity.push({
      fact: 'evaluation_date',
      operator: 'dateBefore',
      value: `${rule.validity.until}~`,
    });
  engine.addRule({
    name: rule.id,
    conditions: { all: [...validity, translate(rule.when)] },
    event: { type: rule.id },
  });
}
const competence = new Map();
engine.addFact('competent', (params, almanac) =>
  Promise.all([almanac.factValue('residence'), almanac.factValue('municipality')]).then(
    ([residence, municipality]) => {
      const key = `${params.service}|${params.agency}|${residence}|${municipality}`;
      if (!competence.has(key)) {
        const result = data.registry.competentFor({
          service: params.service,
          place: { residence, municipality },
        });
        competence.set(
          key,
          result.missing.length === 0 && result.agencies.some((a) => a.id === params.agency),
        );
      }
      return competence.get(key);
    },
  ),
);
const monthsBetween = (from, to) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
  Number(to.slice(5, 7)) -
  Number(from.slice(5, 7)) -
  (Number(to.slice(8, 10)) < Number(from.slice(8, 10)) ? 1 : 0);
const factsOf = (profile) => {
  const arrival = profile.arrival_date
    ? profile.arrival_date.length === 7
      ? `${profile.arrival_date}-01`
      : profile.arrival_date
    : undefined;
  return {
    ...profile,
    evaluation_date: date,
    arrival_first: arrival,
    months_since_arrival:
      profile.months_in_germany ?? (arrival ? monthsBetween(arrival, date) : undefined),
  };
};

let agree = 0;
for (const profile of profiles) {
  const { events } = await engine.run(factsOf(profile));
  const theirs = events
    .map((e) => e.type)
    .sort()
    .join();
  const mine = router.firedRules(profile, date).sort().join();
  if (theirs === mine) agree++;
}
index = 0;
const jre = await measureAsync(async () => {
  const { events } = await engine.run(factsOf(profiles[index++ % profiles.length]));
  sink += events.length;
});

const ratio = ours.perSecond / jre;
const fmt = (n) => Math.round(n).toLocaleString('en-US');
console.log(
  `routing bench: ${data.rules.rules.length} rules, ${data.catalog.offers.length} offers, ${profiles.length} persona profiles, ${seconds} s per measurement, one core`,
);
console.log(
  `  ankommen route() (complete Wegweiser with offer matching): ${fmt(ours.perSecond)} routes/s`,
);
console.log(`  json-rules-engine (same conditions, events only):        ${fmt(jre)} evaluations/s`);
console.log(`  ratio: ${ratio.toFixed(1)}x json-rules-engine`);
console.log(
  `  translation check: json-rules-engine fires the same rules as ours for ${agree} of ${profiles.length} profiles`,
);
console.log(
  `  goal >= 100,000 routes/s: ${ours.perSecond >= 100_000 ? 'met' : 'NOT met'}; goal >= 50x: ${ratio >= 50 ? 'met' : 'NOT met'}`,
);
if (sink < 0) console.log(sink);
