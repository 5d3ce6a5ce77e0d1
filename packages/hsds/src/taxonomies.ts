import {
  getTerm,
  pickText,
  termKinds,
  topicOf,
  type Category,
  type LocalizedText,
  type TermCode,
} from '@ankommen/taxonomy';
import { hsdsId } from './ids.js';
import type { FullAttribute, Taxonomy, TaxonomyTerm } from './schemas.js';
import { RecordTexts, defined, type FeedContext } from './texts.js';

/** The base of every URI we mint (taxonomies, terms, the default profile). */
export const ANKOMMEN_BASE_URI = 'https://ankommen.example';

/** The base URI of our taxonomies: `${TAXONOMY_BASE_URI}/category` and so on. */
export const TAXONOMY_BASE_URI = `${ANKOMMEN_BASE_URI}/taxonomy`;

/** The version of our taxonomies; term codes are stable across versions. */
export const TAXONOMY_VERSION = '1';

/** The vocabulary kinds exported as HSDS taxonomies, each with the last segment of its URI. */
export const exportedTaxonomies = {
  topic: 'topic',
  category: 'category',
  targetGroup: 'target-group',
  cost: 'cost',
} as const;

/** A vocabulary kind exported as an HSDS taxonomy. */
export type ExportedTermKind = keyof typeof exportedTaxonomies;

/** `attribute.link_type` for each exported kind. */
export const linkTypes: Record<ExportedTermKind, string> = {
  topic: 'topic',
  category: 'topic',
  targetGroup: 'audience',
  cost: 'cost',
};

const localizedPair = (en: string, de: string): LocalizedText => ({
  en: { text: en, status: 'source' },
  de: { text: de, status: 'source' },
});

/** Names and descriptions of our taxonomies (en and de; other languages fall back to en). */
const taxonomyTexts: Record<ExportedTermKind, { name: LocalizedText; description: LocalizedText }> =
  {
    topic: {
      name: localizedPair('Ankommen topic fields', 'Ankommen-Themenfelder'),
      description: localizedPair(
        'The topic fields of the Ankommen platform; every offer belongs to one.',
        'Die Themenfelder der Ankommen-Plattform; jedes Angebot gehört zu einem.',
      ),
    },
    category: {
      name: localizedPair('Ankommen categories', 'Ankommen-Kategorien'),
      description: localizedPair(
        'Categories of offers; each belongs to one topic field, its parent term.',
        'Kategorien von Angeboten; jede gehört zu einem Themenfeld, ihrem übergeordneten Begriff.',
      ),
    },
    targetGroup: {
      name: localizedPair('Ankommen target groups', 'Ankommen-Zielgruppen'),
      description: localizedPair('Who an offer is meant for.', 'Für wen ein Angebot gedacht ist.'),
    },
    cost: {
      name: localizedPair('Ankommen cost', 'Ankommen-Kosten'),
      description: localizedPair(
        'Whether an offer is free, reduced or paid, or its cost is unknown.',
        'Ob ein Angebot kostenlos, ermäßigt oder kostenpflichtig ist, oder ob die Kosten unbekannt sind.',
      ),
    },
  };

/** The URI of one of our taxonomies. */
export function taxonomyUri(kind: ExportedTermKind): string {
  return `${TAXONOMY_BASE_URI}/${exportedTaxonomies[kind]}`;
}

function taxonomyOf(kind: ExportedTermKind, ctx: FeedContext): Taxonomy {
  const id = hsdsId('taxonomy', kind);
  const texts = new RecordTexts(ctx, 'taxonomy', kind, id);
  const { name, description } = taxonomyTexts[kind];
  return defined({
    id,
    name: texts.text(name, 'name') ?? kind,
    description: texts.text(description, 'description') ?? kind,
    uri: taxonomyUri(kind),
    version: TAXONOMY_VERSION,
    metadata: texts.metadata,
  });
}

function termOf(code: TermCode, ctx: FeedContext): TaxonomyTerm {
  const term = getTerm(code);
  const kind = term.kind as ExportedTermKind;
  const id = hsdsId('taxonomy_term', code);
  const texts = new RecordTexts(ctx, 'taxonomy_term', code, id);
  const name = texts.text(term.label, 'name') ?? code;
  const parentCode =
    term.kind === 'category' ? (`topic.${topicOf(term.value as Category)}` as TermCode) : undefined;
  const parentName = parentCode ? pickText(getTerm(parentCode).label, ctx.lang)?.text : undefined;
  return defined({
    id,
    code,
    name,
    description: parentName ? `${name} (${parentName})` : name,
    parent_id: parentCode ? hsdsId('taxonomy_term', parentCode) : undefined,
    taxonomy: taxonomyUri(kind),
    language: pickText(term.label, ctx.lang)?.lang ?? ctx.lang,
    taxonomy_id: hsdsId('taxonomy', kind),
    term_uri: `${taxonomyUri(kind)}/${term.value}`,
    metadata: texts.metadata,
  });
}

/** The taxonomies and terms of one feed, and the attributes that link a record to a term. */
export interface FeedTaxonomies {
  taxonomies: Taxonomy[];
  terms: TaxonomyTerm[];
  /** The attribute linking the record `linkId` (of table `linkEntity`) to the term `code`. */
  attribute(code: TermCode, link: { id: string; entity: string; key: string }): FullAttribute;
}

/**
 * Our exported vocabulary as HSDS: one taxonomy per kind in {@link exportedTaxonomies}, and
 * every term of those kinds labelled in the feed's language. `code` is our stable term code
 * (`category.german_course`); a category's `parent_id` is its topic field's term.
 */
export function feedTaxonomies(ctx: FeedContext): FeedTaxonomies {
  const kinds = Object.keys(exportedTaxonomies) as ExportedTermKind[];
  const taxonomies = kinds.map((kind) => taxonomyOf(kind, ctx));
  const taxonomyById = new Map(taxonomies.map((t) => [t.id, t]));
  const termsByCode = new Map<string, TaxonomyTerm>();
  for (const kind of kinds) {
    for (const value of termKinds[kind]) {
      const code = `${kind}.${value}` as TermCode;
      termsByCode.set(code, termOf(code, ctx));
    }
  }
  return {
    taxonomies,
    terms: [...termsByCode.values()],
    attribute(code, link) {
      const term = termsByCode.get(code);
      if (!term) throw new Error(`no exported taxonomy term ${code}`);
      const kind = code.slice(0, code.indexOf('.')) as ExportedTermKind;
      const taxonomy = term.taxonomy_id ? taxonomyById.get(term.taxonomy_id) : undefined;
      return {
        id: hsdsId('attribute', `${link.entity}:${link.key}:${code}`),
        link_id: link.id,
        link_entity: link.entity,
        link_type: linkTypes[kind],
        taxonomy_term_id: term.id,
        taxonomy_term: taxonomy ? { ...term, taxonomy_detail: taxonomy } : term,
      };
    },
  };
}
