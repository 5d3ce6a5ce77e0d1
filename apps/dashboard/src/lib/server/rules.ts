import { error } from '@sveltejs/kit';

/**
 * Rule sets in the dashboard: the API's shapes, German sentences for conditions, and the
 * translation between the rule form, the persona form and the rule-set schema. Validation
 * itself stays with the API (the routing package's zod schema); this module only turns form
 * text into JSON and the API's error paths back into form fields.
 */

type Role = NonNullable<App.Locals['user']>['role'];

export interface Translation {
  text: string;
  status: string;
}
export type LocalizedText = Record<string, Translation>;

export type Condition =
  | { fact: string; op: string; value?: unknown }
  | { evaluation_date: { op: string; value: string } }
  | { competent: { service: string; agency: string } }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export interface StepOutcome {
  step: string;
  after?: string[];
  deadline?: { days?: number; text: LocalizedText };
  documents?: string[];
  optional?: boolean;
}
export type Outcome = StepOutcome | { exclude: string };

export interface Rule {
  id: string;
  title: string;
  when: Condition;
  then: Outcome[];
  because: LocalizedText;
  sources: string[];
  validity?: { from?: string; until?: string };
  note?: string;
}

export interface RuleSet {
  id: string;
  version: string;
  title: string;
  sources: Record<string, { url: string; title?: string; checkedAt: string | null }>;
  documents: Record<string, { label: LocalizedText }>;
  rules: Rule[];
}

export interface Persona {
  id: string;
  description: string;
  profile: Record<string, unknown>;
  date?: string;
  expected: {
    must_include: string[];
    must_not_include: string[];
    may_include?: string[];
    order_constraints?: [string, string][];
  };
  sources?: string[];
  notes?: string;
}

export interface RuleSetSummary {
  version: number;
  ruleSetId: string;
  title: string;
  label: string;
  ruleCount: number;
  status: 'draft' | 'published' | 'superseded';
  restoredFrom: number | null;
  note: string | null;
  createdAt: string;
  createdBy: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
}

export interface RuleSetVersion extends RuleSetSummary {
  ruleSet: RuleSet;
  personas: Persona[];
}

export interface CheckReport {
  version: number;
  publishable: boolean;
  problems: {
    severity: 'error' | 'warning';
    code: string;
    path?: string;
    rule?: string;
    message: string;
  }[];
  personas: { id: string; passed: boolean; failures: string[] }[];
  changes: { id: string; added: string[]; removed: string[]; reordered: string[] }[];
}

/** The API's refusal to publish: which personas fail, which checks find errors. */
export interface PublishRefusal {
  title: string;
  detail?: string;
  failingPersonas?: { id: string; failures: string[] }[];
  errors?: { field: string; message: string }[];
}

export const statusLabels: Record<RuleSetSummary['status'], string> = {
  draft: 'Entwurf',
  published: 'In Kraft',
  superseded: 'Abgelöst',
};

/** The roles the API lets write drafts, and publish or restore (`rule-sets.ts` in the API). */
export const canDraft = (role: Role | undefined) => role === 'admin' || role === 'editor';
export const canPublish = (role: Role | undefined) => role === 'admin' || role === 'reviewer';

/** Rule sets are staff work: partners get a 403, in loads and in actions alike. */
export function requireStaff(
  user: App.Locals['user'],
): asserts user is NonNullable<App.Locals['user']> {
  if (!user || user.role === 'partner') error(403, 'Nur für die Redaktion.');
}

/** Drafts are written by the roles the API lets write them; others get a 403 here too. */
export function requireDrafting(
  user: App.Locals['user'],
): asserts user is NonNullable<App.Locals['user']> {
  requireStaff(user);
  if (!canDraft(user.role)) error(403, 'Entwürfe schreiben dürfen Administration und Redaktion.');
}

/** The version number of a route parameter; anything else is a 404, never a 500. */
export function versionParam(raw: string): number {
  if (!/^[1-9]\d{0,8}$/.test(raw)) error(404, 'Diese Version gibt es nicht.');
  return Number(raw);
}

// ---------------------------------------------------------------------------------------
// Conditions as German sentences

/** A sentence, with the sentences it is made of (for `all`, `any`). */
export interface Sentence {
  text: string;
  parts?: Sentence[];
}

const factLabels: Record<string, string> = {
  age: 'Das Alter',
  citizenship: 'Die Staatsangehörigkeit (Gruppe)',
  residence: 'Der Wohnort',
  status: 'Der Aufenthaltsstatus',
  benefits: 'Die Leistung',
  german_level: 'Das Deutschniveau',
  children: 'Das Alter eines Kindes',
  has_foreign_degree: 'Ein ausländischer Abschluss',
  employed: 'Eine Beschäftigung',
  needs: 'Die Anliegen',
  municipality: 'Die Gemeinde',
  arrival_date: 'Das Ankunftsdatum',
  months_in_germany: 'Die Monate in Deutschland',
  months_since_arrival: 'Die Monate seit der Ankunft',
  nationality: 'Die Staatsangehörigkeit',
  protection: 'Die Schutzform',
  has_id_documents: 'Ausweisdokumente',
  in_lea: 'Die Unterbringung in der Landeserstaufnahme (LEA)',
  unaccompanied: 'Unbegleitet',
  literate: 'Lesen und Schreiben',
  wohnsitzauflage: 'Eine Wohnsitzauflage',
  wants_to_move_to: 'Der gewünschte neue Wohnort',
  prior_work_in_germany: 'Frühere Arbeit in Deutschland',
};

const valueLabels: Record<string, string> = {
  karlsruhe_city: 'Stadt Karlsruhe',
  karlsruhe_district: 'Landkreis Karlsruhe',
  other: 'anderer',
  third_country: 'Drittstaat',
  stateless: 'staatenlos',
  german: 'deutsch',
  EEA_CH: 'EWR/Schweiz',
  none: 'keine',
};

const shown = (value: unknown): string => {
  if (typeof value === 'boolean') return value ? 'ja' : 'nein';
  if (typeof value === 'string')
    return valueLabels[value] ? `„${valueLabels[value]}“` : `„${value}“`;
  return String(value);
};
const listed = (value: unknown) =>
  Array.isArray(value) ? value.map(shown).join(', ') : shown(value);
const range = (value: unknown) =>
  Array.isArray(value) ? `${String(value[0])} und ${String(value[1])}` : String(value);

function factSentence(fact: string, op: string, value: unknown): string {
  const subject = factLabels[fact] ?? `„${fact}“`;
  switch (op) {
    case 'eq':
      // Yes/no facts read as a statement with its answer: "Ausweisdokumente: ja."
      return typeof value === 'boolean'
        ? `${subject}: ${shown(value)}.`
        : `${subject} ist ${shown(value)}.`;
    case 'ne':
      return `${subject} ist nicht ${shown(value)}.`;
    case 'in':
      return `${subject} ist eines von: ${listed(value)}.`;
    case 'not_in':
      return `${subject} ist keines von: ${listed(value)}.`;
    case 'lt':
      return `${subject} ist kleiner als ${shown(value)}.`;
    case 'lte':
      return `${subject} ist höchstens ${shown(value)}.`;
    case 'gt':
      return `${subject} ist größer als ${shown(value)}.`;
    case 'gte':
      return `${subject} ist mindestens ${shown(value)}.`;
    case 'between':
      return `${subject} liegt zwischen ${range(value)}.`;
    case 'contains':
      return `${subject} enthalten ${shown(value)}.`;
    case 'contains_any':
      return `${subject} enthalten mindestens eines von: ${listed(value)}.`;
    case 'is_empty':
      return `${subject}: keine Angabe in der Liste.`;
    case 'any_between':
      return `${subject} liegt zwischen ${range(value)}.`;
    case 'before':
      return `${subject} liegt vor dem ${String(value)}.`;
    case 'on_or_after':
      return `${subject} ist am oder nach dem ${String(value)}.`;
    case 'answered':
      return `${subject} ist beantwortet.`;
    default:
      return `${subject} ${op} ${listed(value)}.`;
  }
}

/** A condition as German sentences; nested `all` and `any` become nested lists. */
export function describeCondition(condition: Condition): Sentence {
  if ('all' in condition)
    return {
      text: 'Alle diese Bedingungen treffen zu:',
      parts: condition.all.map(describeCondition),
    };
  if ('any' in condition)
    return {
      text: 'Mindestens eine dieser Bedingungen trifft zu:',
      parts: condition.any.map(describeCondition),
    };
  if ('not' in condition) {
    const inner = condition.not;
    if ('fact' in inner && inner.op === 'answered')
      return { text: `${factLabels[inner.fact] ?? `„${inner.fact}“`} ist nicht beantwortet.` };
    return { text: 'Nicht zutreffend ist:', parts: [describeCondition(inner)] };
  }
  if ('evaluation_date' in condition) {
    const { op, value } = condition.evaluation_date;
    return {
      text:
        op === 'before'
          ? `Der Stichtag liegt vor dem ${value}.`
          : `Der Stichtag ist am oder nach dem ${value}.`,
    };
  }
  if ('competent' in condition) {
    const { service, agency } = condition.competent;
    return {
      text: `Laut Register ist „${agency}“ am Wohnort für „${service}“ zuständig.`,
    };
  }
  return { text: factSentence(condition.fact, condition.op, condition.value) };
}

/** One outcome of a rule in words. */
export function describeOutcome(outcome: Outcome): string {
  if ('exclude' in outcome) return `Ausschluss: „${outcome.exclude}“ ist nicht für die Person.`;
  const parts = [`Schritt „${outcome.step}“`];
  if (outcome.optional) parts.push('(freiwillig)');
  if (outcome.after?.length) parts.push(`nach ${outcome.after.map((a) => `„${a}“`).join(', ')}`);
  if (outcome.deadline)
    parts.push(
      `Frist: ${outcome.deadline.text.de?.text ?? outcome.deadline.text.en?.text ?? ''}${outcome.deadline.days ? ` (${outcome.deadline.days} Tage)` : ''}`,
    );
  if (outcome.documents?.length) parts.push(`Unterlagen: ${outcome.documents.join(', ')}`);
  return parts.join(' · ');
}

// ---------------------------------------------------------------------------------------
// The rule form

/** One outcome's fields; a blank row (no target) is left out. */
export interface OutcomeFields {
  kind: 'step' | 'exclude';
  target: string;
  after: string;
  documents: string;
  optional: boolean;
  deadlineDays: string;
  deadlineDe: string;
  deadlineEn: string;
}

/** The rule form's fields, as text: what the editor typed comes back unchanged on an error. */
export interface RuleFields {
  id: string;
  title: string;
  position: string;
  becauseDe: string;
  becauseEn: string;
  when: string;
  sources: string;
  validFrom: string;
  validUntil: string;
  note: string;
  outcomes: OutcomeFields[];
}

export const blankOutcome = (): OutcomeFields => ({
  kind: 'step',
  target: '',
  after: '',
  documents: '',
  optional: false,
  deadlineDays: '',
  deadlineDe: '',
  deadlineEn: '',
});

const joined = (ids: string[] | undefined) => (ids ?? []).join(', ');
const ids = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((id) => id.trim())
    .filter(Boolean);

/** The form's fields for a rule at a position (1-based), plus one blank outcome row to add a step. */
export function ruleFields(rule: Rule | undefined, position: number): RuleFields {
  const outcomes = (rule?.then ?? []).map((outcome): OutcomeFields =>
    'exclude' in outcome
      ? { ...blankOutcome(), kind: 'exclude', target: outcome.exclude }
      : {
          kind: 'step',
          target: outcome.step,
          after: joined(outcome.after),
          documents: joined(outcome.documents),
          optional: outcome.optional ?? false,
          deadlineDays: outcome.deadline?.days === undefined ? '' : String(outcome.deadline.days),
          deadlineDe: outcome.deadline?.text.de?.text ?? '',
          deadlineEn: outcome.deadline?.text.en?.text ?? '',
        },
  );
  return {
    id: rule?.id ?? '',
    title: rule?.title ?? '',
    position: String(position),
    becauseDe: rule?.because.de?.text ?? '',
    becauseEn: rule?.because.en?.text ?? '',
    when: rule ? JSON.stringify(rule.when, null, 2) : '',
    sources: joined(rule?.sources),
    validFrom: rule?.validity?.from ?? '',
    validUntil: rule?.validity?.until ?? '',
    note: rule?.note ?? '',
    outcomes: [...outcomes, blankOutcome()],
  };
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

/** Reads the rule form (field names as `ruleFields` renders them: `then.0.target` etc.). */
export function readRuleForm(form: FormData): RuleFields {
  const rows = Math.min(Number(form.get('rows')) || 0, 100);
  return {
    id: text(form, 'id').trim(),
    title: text(form, 'title'),
    position: text(form, 'position').trim(),
    becauseDe: text(form, 'because.de'),
    becauseEn: text(form, 'because.en'),
    when: text(form, 'when'),
    sources: text(form, 'sources'),
    validFrom: text(form, 'validity.from').trim(),
    validUntil: text(form, 'validity.until').trim(),
    note: text(form, 'note'),
    outcomes: Array.from({ length: rows }, (_, i) => ({
      kind: text(form, `then.${i}.kind`) === 'exclude' ? 'exclude' : 'step',
      target: text(form, `then.${i}.target`).trim(),
      after: text(form, `then.${i}.after`),
      documents: text(form, `then.${i}.documents`),
      optional: form.get(`then.${i}.optional`) === 'on',
      deadlineDays: text(form, `then.${i}.deadline.days`).trim(),
      deadlineDe: text(form, `then.${i}.deadline.de`),
      deadlineEn: text(form, `then.${i}.deadline.en`),
    })),
  };
}

/**
 * A text the editor may have changed: kept with its status when unchanged; a changed text is
 * the staff's own (`source` for German, `reviewed` for others); an emptied one is removed.
 */
function withText(before: LocalizedText | undefined, texts: Record<string, string>): LocalizedText {
  const next: LocalizedText = { ...before };
  for (const [lang, raw] of Object.entries(texts)) {
    const value = raw.trim();
    if (value === (before?.[lang]?.text ?? '')) continue;
    if (value === '') delete next[lang];
    else next[lang] = { text: value, status: lang === 'de' ? 'source' : 'reviewed' };
  }
  return next;
}

/** A JSON syntax error's place as line and column, from the parser's character position. */
export function jsonSyntaxError(source: string, problem: unknown): string {
  const message = problem instanceof Error ? problem.message : String(problem);
  const position = Number(message.match(/position (\d+)/)?.[1]);
  if (Number.isNaN(position)) return `Kein gültiges JSON: ${message}`;
  const before = source.slice(0, position).split('\n');
  return `Kein gültiges JSON (Zeile ${before.length}, Spalte ${before.at(-1)!.length + 1}): ${message}`;
}

export type FieldErrors = Record<string, string>;

/**
 * The rule from the form, on top of the rule it edits (so that fields the form does not show
 * travel unchanged). Only what the API cannot see is checked here: JSON syntax and the
 * position; everything else is the schema's to judge.
 */
export function ruleFromFields(
  fields: RuleFields,
  before: Rule | undefined,
): { rule: Rule; position: number; rows: number[] } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  let when: unknown;
  try {
    when = JSON.parse(fields.when);
  } catch (problem) {
    errors.when = jsonSyntaxError(fields.when, problem);
  }
  const position = Number(fields.position);
  if (!Number.isInteger(position) || position < 1)
    errors.position = 'Bitte eine ganze Zahl ab 1 angeben.';
  // The form row of each outcome: blank rows are left out, errors must still find their row.
  const rows: number[] = [];
  const outcomes = fields.outcomes.flatMap((row, i): Outcome[] => {
    if (row.target === '') return [];
    rows.push(i);
    if (row.kind === 'exclude') return [{ exclude: row.target }];
    const previous = before?.then[i];
    const previousDeadline = previous && 'step' in previous ? previous.deadline : undefined;
    const days = row.deadlineDays === '' ? undefined : Number(row.deadlineDays);
    if (days !== undefined && (!Number.isInteger(days) || days < 1))
      errors[`then.${i}.deadline.days`] = 'Bitte eine ganze Zahl ab 1 angeben.';
    const deadlineText = withText(previousDeadline?.text, {
      de: row.deadlineDe,
      en: row.deadlineEn,
    });
    const hasDeadline = days !== undefined || Object.keys(deadlineText).length > 0;
    return [
      {
        step: row.target,
        after: ids(row.after),
        documents: ids(row.documents),
        optional: row.optional,
        ...(hasDeadline ? { deadline: { ...(days ? { days } : {}), text: deadlineText } } : {}),
      },
    ];
  });
  if (Object.keys(errors).length > 0) return { errors };
  const validity = {
    ...(fields.validFrom ? { from: fields.validFrom } : {}),
    ...(fields.validUntil ? { until: fields.validUntil } : {}),
  };
  const note = fields.note.trim();
  const rule: Rule = {
    id: fields.id,
    title: fields.title.trim(),
    when: when as Condition,
    then: outcomes,
    because: withText(before?.because, { de: fields.becauseDe, en: fields.becauseEn }),
    sources: ids(fields.sources),
    ...(Object.keys(validity).length > 0 ? { validity } : {}),
    ...(note ? { note } : {}),
  };
  return { rule, position, rows };
}

/** The rule set with `rule` in place of the rule at `index` (or added), at `position` (1-based). */
export function withRule(
  ruleSet: RuleSet,
  index: number | undefined,
  rule: Rule,
  position: number,
): { ruleSet: RuleSet; index: number } {
  const rules = ruleSet.rules.filter((_, i) => i !== index);
  const at = Math.min(position - 1, rules.length);
  rules.splice(at, 0, rule);
  return { ruleSet: { ...ruleSet, rules }, index: at };
}

/** The API's field path (`body.ruleSet.rules.3.when.all.0.op`) without its request prefix. */
const pathOf = (field: string) => field.replace(/^body\./, '');

/**
 * The API's errors for the rule at `index`, by form field; the rest (another rule, say a
 * duplicate id elsewhere) under `form`, with its path. Every message names its path.
 */
export function ruleErrors(
  errors: { field: string; message: string }[] = [],
  index: number,
  rows: number[],
): FieldErrors {
  const byField: FieldErrors = {};
  const prefix = `body.ruleSet.rules.${index}`;
  const add = (field: string, message: string) => {
    byField[field] = byField[field] ? `${byField[field]} ${message}` : message;
  };
  for (const { field, message } of errors) {
    const said = `${pathOf(field)}: ${message}`;
    if (field !== prefix && !field.startsWith(`${prefix}.`)) {
      add('form', said);
      continue;
    }
    const rest = field.slice(prefix.length + 1).split('.');
    const [head, second, third, fourth] = rest;
    if (head === 'because') add(second === 'en' ? 'because.en' : 'because.de', said);
    else if (head === 'validity')
      add(second === 'until' ? 'validity.until' : 'validity.from', said);
    else if (head === 'then' && second !== undefined && /^\d+$/.test(second)) {
      const row = `then.${rows[Number(second)] ?? 0}`;
      if (third === 'after' || third === 'documents') add(`${row}.${third}`, said);
      else if (third === 'deadline')
        add(
          fourth === 'days'
            ? `${row}.deadline.days`
            : `${row}.deadline.${rest[4] === 'en' ? 'en' : 'de'}`,
          said,
        );
      else add(`${row}.target`, said);
    } else if (head === 'then') add('then.0.target', said);
    else if (head && ['id', 'title', 'when', 'sources', 'note'].includes(head)) add(head, said);
    else add('form', said);
  }
  return byField;
}

/** The API's errors for a whole rule set (JSON editor): every path named, in order. */
export function ruleSetErrors(errors: { field: string; message: string }[] = []): string[] {
  return errors.map(({ field, message }) => `${pathOf(field)}: ${message}`);
}

// ---------------------------------------------------------------------------------------
// The persona form

export interface PersonaFields {
  id: string;
  label: string;
  profile: string;
  mustInclude: string;
  mustNotInclude: string;
  date: string;
}

export function readPersonaForm(form: FormData): PersonaFields {
  return {
    id: text(form, 'id').trim(),
    label: text(form, 'label'),
    profile: text(form, 'profile'),
    mustInclude: text(form, 'must_include'),
    mustNotInclude: text(form, 'must_not_include'),
    date: text(form, 'date').trim(),
  };
}

/** The persona from its form; only the profile's JSON syntax is checked here, the rest by the API. */
export function personaFromFields(
  fields: PersonaFields,
): { persona: Persona } | { errors: FieldErrors } {
  let profile: unknown;
  try {
    profile = JSON.parse(fields.profile);
  } catch (problem) {
    return { errors: { profile: jsonSyntaxError(fields.profile, problem) } };
  }
  return {
    persona: {
      id: fields.id,
      description: fields.label.trim(),
      profile: profile as Record<string, unknown>,
      ...(fields.date ? { date: fields.date } : {}),
      expected: {
        must_include: ids(fields.mustInclude),
        must_not_include: ids(fields.mustNotInclude),
      },
    },
  };
}

/** The API's errors for the persona at `index`, by form field; the rest under `form`. */
export function personaErrors(
  errors: { field: string; message: string }[] = [],
  index: number,
): FieldErrors {
  const byField: FieldErrors = {};
  const prefix = `body.personas.${index}`;
  const fieldOf: Record<string, string> = {
    id: 'id',
    description: 'label',
    profile: 'profile',
    date: 'date',
    'expected.must_include': 'must_include',
    'expected.must_not_include': 'must_not_include',
  };
  for (const { field, message } of errors) {
    const rest = field.startsWith(`${prefix}.`) ? field.slice(prefix.length + 1) : '';
    const key = Object.keys(fieldOf).find((k) => rest === k || rest.startsWith(`${k}.`));
    const name = key ? fieldOf[key]! : 'form';
    const said = `${pathOf(field)}: ${message}`;
    byField[name] = byField[name] ? `${byField[name]} ${said}` : said;
  }
  return byField;
}
