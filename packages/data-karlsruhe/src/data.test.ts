import {
  checkRuleSet,
  compactWegweiser,
  compactWegweiserJson,
  CityDataError,
  createRouter,
  expandWegweiser,
  parseCityData,
  runPersonas,
  wegweiserTexts,
} from '@ankommen/routing';
import { topicFieldCodes, uiLanguages } from '@ankommen/taxonomy';
import { describe, expect, it } from 'vitest';
import { karlsruhe, rawData } from './index.js';

/** The id vocabulary of the domain brief (§0): the contract between rules and data. */
const vocabulary = [
  'buergerbuero',
  'meldebehoerde_gemeinde',
  'auslaenderbehoerde_karlsruhe',
  'landratsamt_auslaenderbehoerde',
  'auslaenderbehoerde_grosse_kreisstadt',
  'out_of_area_referral',
  'lea_karlsruhe',
  'bamf_asyl',
  'verfahrensberatung_lea',
  'jugendamt_karlsruhe',
  'jobcenter',
  'jobcenter_landkreis',
  'agentur_fuer_arbeit',
  'sozialamt',
  'landratsamt_asylblg',
  'fluechtlingssozialarbeit',
  'integrationsmanagement',
  'mbe',
  'jmd',
  'buero_fuer_integration',
  'welcome_center_trk',
  'integrationskurs',
  'berufssprachkurs',
  'anerkennungsberatung',
  'anerkennung_portal',
  'kita_portal',
  'kita_gemeinde',
  'schulanmeldung',
  'staatliches_schulamt',
  'vkl',
  'vabo',
  'krankenkasse',
  'steuer_id_bzst',
  'basiskonto_bank',
];
const evaluationDate = '2026-11-25';
const data = karlsruhe();

describe('Karlsruhe data set', () => {
  it('validates against the domain schemas', () => {
    expect(data.city.id).toBe('karlsruhe');
    expect(data.registry.region.timeZone).toBe('Europe/Berlin');
  });

  it('has every vocabulary id as exactly one agency or offer', () => {
    for (const id of vocabulary) {
      const found = Number(data.registry.has(id)) + Number(data.catalog.has(id));
      expect(found, id).toBe(1);
    }
  });

  it('has at least 90 offers across all five topic fields', () => {
    expect(data.catalog.offers.length).toBeGreaterThanOrEqual(90);
    expect(new Set(data.catalog.offers.map((o) => o.topic))).toEqual(new Set(topicFieldCodes));
  });

  it('carries a source on every entry, or flags it as example data', () => {
    for (const entry of [...data.catalog.offers, ...data.registry.agencies]) {
      expect(entry.source !== undefined || entry.exampleData, entry.id).toBe(true);
    }
  });

  it('gives every contact detail, address and opening hour a source, never a guess', () => {
    for (const entry of [...data.catalog.offers, ...data.registry.agencies]) {
      const hasFacts = entry.locations.length > 0 || Object.keys(entry.contact).length > 0;
      if (hasFacts) expect(entry.source?.url, entry.id).toMatch(/^https?:\/\//);
    }
  });

  it('links offers and agencies only to records that exist', () => {
    for (const offer of data.catalog.offers) {
      if (offer.routingId)
        expect(
          data.registry.has(offer.routingId) || data.catalog.has(offer.routingId),
          offer.id,
        ).toBe(true);
    }
    for (const agency of data.registry.agencies) {
      if (agency.routingId)
        expect(
          data.registry.has(agency.routingId) || data.catalog.has(agency.routingId),
          agency.id,
        ).toBe(true);
    }
  });

  it('writes titles, summaries and rule explanations in German and English', () => {
    for (const offer of data.catalog.offers) {
      expect(
        offer.title.de && offer.title.en && offer.summary.de && offer.summary.en,
        offer.id,
      ).toBeTruthy();
    }
    for (const rule of data.rules.rules)
      expect(rule.because.de && rule.because.en, rule.id).toBeTruthy();
    for (const [id, doc] of Object.entries(data.rules.documents))
      expect(doc.label.de && doc.label.en, id).toBeTruthy();
  });

  it('encodes every rule of the brief, R01 to R47, each with a source', () => {
    const ids = new Set(data.rules.rules.map((rule) => rule.id.slice(0, 3)));
    for (let n = 1; n <= 47; n++)
      expect(ids.has(`R${String(n).padStart(2, '0')}`), `R${n}`).toBe(true);
    for (const rule of data.rules.rules) {
      expect(rule.sources.length, rule.id).toBeGreaterThan(0);
      for (const ref of rule.sources)
        expect(data.rules.sources[ref]?.url, `${rule.id} ${ref}`).toMatch(/^https?:\/\//);
    }
  });

  it('names the welcome centre’s agencies among its own, and refuses one that does not exist', () => {
    for (const id of data.city.welcomeCentre?.agencies ?? [])
      expect(data.registry.has(id)).toBe(true);
    const city = rawData.city as { welcomeCentre: { agencies: string[] } };
    const broken = {
      ...rawData,
      city: { ...city, welcomeCentre: { ...city.welcomeCentre, agencies: ['nowhere'] } },
    };
    expect(() => parseCityData(broken)).toThrow(CityDataError);
    try {
      parseCityData(broken);
    } catch (error) {
      expect((error as CityDataError).issues.map((i) => i.path)).toEqual([
        'city.welcomeCentre.agencies.0',
      ]);
    }
  });

  it('exposes the raw JSON for other tools', () => {
    expect(rawData.offers).toHaveLength(data.catalog.offers.length);
    expect(uiLanguages).toContain(data.city.defaultLanguage);
  });
});

describe('Karlsruhe routing', () => {
  const router = createRouter(data);
  const results = runPersonas(data.personas, router, { date: evaluationDate });
  const publicIds = [
    'p01',
    'p02',
    'p03',
    'p06',
    'p08',
    'p11',
    'p13',
    'p16',
    'p21',
    'p25',
    'p29',
    'p35',
  ];

  it('ships the public personas unchanged, and more of its own', () => {
    expect(publicIds.every((id) => data.personas.some((p) => p.id === id))).toBe(true);
    expect(data.personas.length).toBeGreaterThan(publicIds.length);
  });

  it.each(results.map((r) => [r.id, r] as const))('persona %s passes', (_id, result) => {
    expect(result.failures).toEqual([]);
  });

  it('has a rule set with no errors: every rule fired by a persona, no contradiction, no cycle', () => {
    const result = checkRuleSet(rawData.rules, {
      ...data,
      personas: data.personas,
      date: evaluationDate,
      samples: 5_000,
    });
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('asks for the municipality rather than guessing the district’s immigration office', () => {
    const wegweiser = router.route(
      {
        age: 30,
        citizenship: 'third_country',
        residence: 'karlsruhe_district',
        status: 'skilled_worker',
        benefits: 'none',
        german_level: 'B2',
        children: [],
        has_foreign_degree: false,
        employed: true,
        needs: ['status'],
      },
      { date: evaluationDate },
    );
    const targets = wegweiser.steps.map((s) => s.target);
    expect(targets).toContain('meldebehoerde_gemeinde');
    expect(targets).not.toContain('landratsamt_auslaenderbehoerde');
    expect(targets).not.toContain('auslaenderbehoerde_grosse_kreisstadt');
    expect(wegweiser.missing).toContain('municipality');
  });

  it('explains each step with its rule and a source URL', () => {
    for (const result of results) {
      for (const step of result.wegweiser.steps) {
        expect(step.because.length).toBeGreaterThan(0);
        for (const reason of step.because) {
          expect(reason.text.length).toBeGreaterThan(10);
          expect(reason.source).toMatch(/^https?:\/\//);
        }
      }
    }
  });

  it('sends every persona’s Wegweiser compactly, in every UI language, without losing anything', () => {
    for (const lang of uiLanguages) {
      const texts = wegweiserTexts(data, lang);
      for (const persona of data.personas) {
        const full = router.route(persona.profile, { date: evaluationDate, lang });
        const compact = compactWegweiser(full);
        expect(expandWegweiser(compact, texts)).toEqual(full);
        expect(JSON.parse(compactWegweiserJson(full))).toEqual(compact);
        for (const step of compact.steps) expect(texts.targets[step.target]).toBeDefined();
        for (const doc of compact.steps.flatMap((s) => s.documents))
          expect(texts.documents[doc]).toBeDefined();
      }
    }
  });

  it('only names targets that exist, and offers that exist', () => {
    for (const result of results) {
      for (const step of result.wegweiser.steps)
        expect(data.registry.has(step.target) || data.catalog.has(step.target)).toBe(true);
      for (const id of result.wegweiser.offers) expect(data.catalog.has(id)).toBe(true);
    }
  });

  it('matches offers to needs: a parent asking for childcare gets childcare offers, not job search', () => {
    const wegweiser = router.route(
      {
        age: 30,
        citizenship: 'third_country',
        residence: 'karlsruhe_city',
        status: 'recognised_refugee',
        benefits: 'buergergeld',
        german_level: 'A2',
        children: [1, 4],
        has_foreign_degree: false,
        employed: false,
        needs: ['childcare'],
      },
      { date: evaluationDate, lang: 'ar' },
    );
    const categories = new Set(wegweiser.offers.map((id) => data.catalog.get(id)?.category));
    expect(categories.size).toBeGreaterThan(0);
    for (const category of categories)
      expect(['childcare', 'children_leisure']).toContain(category);
  });
});
