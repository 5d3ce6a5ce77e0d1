import { PickedText, pickText } from '@ankommen/taxonomy';
import { z } from 'zod';
import { reasonOf, type RouterInput } from './engine.js';
import { Reason, stepFields, wegweiserFields, type Wegweiser } from './wegweiser.js';

/** A step whose reasons are rule ids; their texts are in the {@link WegweiserTexts}. */
export const CompactStep = z
  .object({ ...stepFields, because: z.array(z.string()).describe('Rule ids') })
  .strict();
export type CompactStep = z.infer<typeof CompactStep>;

/** An exclusion whose reasons are rule ids; their texts are in the {@link WegweiserTexts}. */
export const CompactExclusion = z
  .object({ target: z.string(), because: z.array(z.string()).describe('Rule ids') })
  .strict();
/** An exclusion whose reasons are rule ids; their texts are in the {@link WegweiserTexts}. */
export type CompactExclusion = z.infer<typeof CompactExclusion>;

/**
 * The personal part of a Wegweiser: what differs from one person to the next. The
 * explanations, document labels and target names are the same for everyone, so they travel
 * once per language and rule set ({@link wegweiserTexts}) and can be cached, while this
 * stays a tenth of the size of the full Wegweiser.
 */
export const CompactWegweiser = z
  .object({
    ...wegweiserFields,
    steps: z.array(CompactStep),
    excluded: z.array(CompactExclusion),
  })
  .strict();
export type CompactWegweiser = z.infer<typeof CompactWegweiser>;

/** The texts every Wegweiser of a rule set refers to, in one language, with fallback flagged. */
export const WegweiserTexts = z
  .object({
    lang: z.string(),
    reasons: z.record(z.string(), Reason).describe('Explanations and sources, by rule id'),
    documents: z
      .record(z.string(), PickedText)
      .describe('Labels of the documents to bring, by document id'),
    targets: z
      .record(z.string(), PickedText.extend({ kind: z.enum(['agency', 'offer']) }))
      .describe('Names of the agencies and offers steps can lead to, by id'),
  })
  .strict();
export type WegweiserTexts = z.infer<typeof WegweiserTexts>;

const ruleIds = (reasons: readonly Reason[]) => reasons.map((reason) => reason.rule);

/** Replaces every reason by its rule id. */
export function compactWegweiser(wegweiser: Wegweiser): CompactWegweiser {
  return {
    ...wegweiser,
    steps: wegweiser.steps.map((step) => ({ ...step, because: ruleIds(step.because) })),
    excluded: wegweiser.excluded.map((exclusion) => ({
      ...exclusion,
      because: ruleIds(exclusion.because),
    })),
  };
}

// Ids, rule ids, profile fields, dates and language codes are slugs by their schemas: they
// need no escaping, which lets the serialiser below skip JSON.stringify for all but free text.
const idList = (ids: readonly string[]) => (ids.length === 0 ? '[]' : `["${ids.join('","')}"]`);
const ruleList = (reasons: readonly Reason[]) => {
  let json = '[';
  for (let i = 0; i < reasons.length; i++) json += `${i ? ',' : ''}"${reasons[i]!.rule}"`;
  return `${json}]`;
};

// Free text (deadlines, warnings) is written with every character beyond ASCII escaped, so
// that the whole answer is ASCII: V8 keeps it at one byte a character, and encoding it to
// UTF-8 is a copy. Deadlines are the same few texts in every answer, so their JSON is kept.
const nonAscii = /[\u007f-\uffff]/g;
const escapeChar = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
const asciiJson = (value: unknown) => JSON.stringify(value).replace(nonAscii, escapeChar);
const deadlineJson = new Map<string, string>();
const textJson = (text: string) => {
  let json = deadlineJson.get(text);
  if (json === undefined) {
    if (deadlineJson.size >= 1_000) deadlineJson.clear();
    deadlineJson.set(text, (json = asciiJson(text)));
  }
  return json;
};

/**
 * `JSON.stringify(compactWegweiser(wegweiser))` with `extra` string fields appended, written
 * directly and in ASCII only: about twice as fast, for the API's hottest answer.
 */
export function compactWegweiserJson(
  wegweiser: Wegweiser,
  extra: Readonly<Record<string, string>> = {},
): string {
  let json = `{"date":"${wegweiser.date}","lang":"${wegweiser.lang}","steps":[`;
  wegweiser.steps.forEach((step, i) => {
    json += `${i ? ',' : ''}{"target":"${step.target}","order":${step.order},"optional":${step.optional}`;
    if (step.deadline !== undefined) json += `,"deadline":${textJson(step.deadline)}`;
    if (step.deadline_days !== undefined) json += `,"deadline_days":${step.deadline_days}`;
    json += `,"documents":${idList(step.documents)},"after":${idList(step.after)}`;
    json += `,"because":${ruleList(step.because)},"offers":${idList(step.offers)}}`;
  });
  json += '],"excluded":[';
  wegweiser.excluded.forEach((exclusion, i) => {
    json += `${i ? ',' : ''}{"target":"${exclusion.target}","because":${ruleList(exclusion.because)}}`;
  });
  json += `],"missing":${idList(wegweiser.missing)},"offers":${idList(wegweiser.offers)}`;
  json += `,"warnings":${wegweiser.warnings.length === 0 ? '[]' : asciiJson(wegweiser.warnings)}`;
  for (const [key, value] of Object.entries(extra))
    json += `,${asciiJson(key)}:${asciiJson(value)}`;
  return `${json}}`;
}

/** The texts of a rule set in one language: everything a compact Wegweiser refers to. */
export function wegweiserTexts(
  { rules: ruleSet, registry, catalog }: RouterInput,
  lang: string,
): WegweiserTexts {
  const texts: WegweiserTexts = { lang, reasons: {}, documents: {}, targets: {} };
  for (const rule of ruleSet.rules) {
    texts.reasons[rule.id] = reasonOf(rule, ruleSet, lang);
    for (const outcome of rule.then) {
      const target = 'step' in outcome ? outcome.step : outcome.exclude;
      if (target in texts.targets) continue;
      const agency = registry.get(target);
      const name = agency
        ? pickText(agency.name, lang)
        : pickText(catalog.get(target)?.title, lang);
      if (name) texts.targets[target] = { kind: agency ? 'agency' : 'offer', ...name };
    }
  }
  for (const [id, document] of Object.entries(ruleSet.documents)) {
    const label = pickText(document.label, lang);
    if (label) texts.documents[id] = label;
  }
  return texts;
}

/**
 * Puts the texts back into a compact Wegweiser. A rule id the texts lack (they belong to
 * another rule-set version) keeps the id as its text rather than failing.
 */
export function expandWegweiser(compact: CompactWegweiser, texts: WegweiserTexts): Wegweiser {
  const reasons = (ids: readonly string[]) =>
    ids.map(
      (rule) =>
        texts.reasons[rule] ?? { rule, text: rule, lang: texts.lang, source: '', sources: [] },
    );
  return {
    ...compact,
    steps: compact.steps.map((step) => ({ ...step, because: reasons(step.because) })),
    excluded: compact.excluded.map((exclusion) => ({
      ...exclusion,
      because: reasons(exclusion.because),
    })),
  };
}
