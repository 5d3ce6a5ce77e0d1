import { karlsruhe } from '@ankommen/data-karlsruhe';
import {
  label,
  Offer,
  topicFieldCodes,
  uiLanguages,
  type OfferInput,
  type TermCode,
} from '@ankommen/taxonomy';
import { describe, expect, it } from 'vitest';
import { createOfferSearch, SearchQuery } from './index.js';

const offers = karlsruhe().catalog.offers;
const search = createOfferSearch(offers);

const find = (q: string, query: Omit<SearchQuery, 'q'> = {}) => search.search({ ...query, q });
const ids = (q: string, query: Omit<SearchQuery, 'q'> = {}) => find(q, query).ids;
const idsWhere = (predicate: (offer: Offer) => boolean) =>
  offers.filter(predicate).map((offer) => offer.id);
const germanText = (offer: Offer) => `${offer.title.de?.text} ${offer.summary.de?.text}`;

const germanCourses = idsWhere((offer) => offer.category === 'german_course');
const housingSearch = idsWhere((offer) => offer.category === 'housing_search');
const forWomen = idsWhere((offer) => offer.targetGroups.includes('women'));

function fixture(id: string, title: string, summary = 'Ein Angebot.'): Offer {
  const input: OfferInput = {
    id,
    title: { de: { text: title, status: 'source' } },
    summary: { de: { text: summary, status: 'source' } },
    providerName: 'Beispielverein',
    topic: 'education',
    category: 'german_course',
    targetGroups: ['all_newcomers'],
    verifiedAt: null,
    exampleData: true,
  };
  return Offer.parse(input);
}

describe('the test data', () => {
  it('is the Karlsruhe catalogue', () => {
    expect(offers.length).toBeGreaterThanOrEqual(99);
    expect(germanCourses).toHaveLength(4);
    expect(housingSearch).toHaveLength(5);
    expect(forWomen).toHaveLength(9);
  });
});

describe('German stemming', () => {
  it('finds Kurs with Kurse', () => {
    // These offers say "Kurs", never "Kurse".
    const withKurs = ['lk-deutschkurs-muetter-kinderbetreuung', 'fahrradkurs-frauen-caritas'];
    for (const id of withKurs)
      expect(germanText(offers.find((o) => o.id === id)!)).not.toMatch(/kurse\b/i);
    expect(ids('Kurse')).toEqual(expect.arrayContaining([...withKurs, 'integrationskurs']));
    expect(ids('Kurse ')).toEqual(ids('Kurs '));
  });

  it('finds Beratung with Beratungen and beraten, ranked alike', () => {
    const withBeratung = idsWhere((offer) => /\bBeratung\b/.test(germanText(offer)));
    expect(withBeratung.length).toBeGreaterThanOrEqual(8);
    expect(ids('Beratungen')).toEqual(expect.arrayContaining(withBeratung));
    expect(ids('beraten')).toEqual(expect.arrayContaining(withBeratung));
    expect(ids('Beratungen ')).toEqual(ids('Beratung '));
    expect(ids('beraten ')).toEqual(ids('Beratung '));
  });

  it('finds Wohnung with Wohnungen and the other way round', () => {
    const withWohnung = idsWhere((offer) => /\bWohnung\b/.test(germanText(offer)));
    const withWohnungen = idsWhere((offer) => /\bWohnungen\b/.test(germanText(offer)));
    expect(withWohnung).toContain('anika-tipps-wohnungssuche');
    expect(ids('Wohnungen')).toEqual(expect.arrayContaining(withWohnung));
    expect(ids('Wohnung')).toEqual(expect.arrayContaining(withWohnungen));
  });

  it('stems English text lightly', () => {
    expect(ids('courses')).toContain('integrationskurs');
    expect(ids('families')).toContain('welcome-center-trk');
  });
});

describe('compound words', () => {
  const extra = [
    fixture('fixture-deutsch-sprachkurs', 'Deutsch-Sprachkurs am Abend'),
    fixture('fixture-deutschsprachkurs', 'Deutschsprachkurse für Eltern'),
    fixture('fixture-malkurs', 'Malkurs für Kinder'),
  ];
  const withFixtures = createOfferSearch([...offers, ...extra]);

  it('finds compounds that end in the query', () => {
    const found = withFixtures.search({ q: 'Sprachkurs' }).ids;
    expect(found).toEqual(
      expect.arrayContaining([
        'berufssprachkurs',
        'fixture-deutsch-sprachkurs',
        'fixture-deutschsprachkurs',
      ]),
    );
    expect(found).not.toContain('fixture-malkurs');
    expect(ids('Beratung')).toEqual(
      expect.arrayContaining([
        'awo-migrationsberatung-mbe',
        'schuldnerberatung-stadt',
        'frauenberatungsstelle-frauenhaus',
        'fka-rechtsberatung-gefluechtete',
      ]),
    );
  });

  it('finds hyphenated words by their parts and as one word', () => {
    expect(withFixtures.search({ q: 'Deutschsprachkurs' }).ids.slice(0, 2).sort()).toEqual([
      'fixture-deutsch-sprachkurs',
      'fixture-deutschsprachkurs',
    ]);
    expect(withFixtures.search({ q: 'Deutsch-Sprachkurs' }).ids[0]).toBe(
      'fixture-deutsch-sprachkurs',
    );
    expect(ids('Portal')).toEqual(expect.arrayContaining(['kita-portal-karlsruhe', 'kita_portal']));
  });

  it('splits a query compound that no offer contains into its pieces', () => {
    // "Deutschsprachkurs" is in no Karlsruhe offer: it is searched as Deutsch + Sprach + Kurs.
    expect(offers.some((offer) => /deutschsprachkurs/i.test(germanText(offer)))).toBe(false);
    const found = ids('Deutschsprachkurs');
    expect(found[0]).toBe('berufssprachkurs');
    expect(found).toEqual(expect.arrayContaining(germanCourses));
    expect(found).not.toContain('fahrradkurs-frauen-caritas');
  });

  it('does not take a word apart where no compound is', () => {
    expect(ids('Sport')).not.toContain('karlsruher-pass-transport');
    expect(ids('Ort ')).not.toContain('karlsruher-pass');
  });
});

describe('typos and typing', () => {
  it('finds offers despite typos in longer words', () => {
    expect(ids('Integratonskurs')[0]).toBe('integrationskurs');
    expect(ids('Migrationsberatnug')).toEqual(
      expect.arrayContaining(['awo-migrationsberatung-mbe', 'oemd-caritas-diakonie-mbe']),
    );
    expect(ids('Wohnugssuche')[0]).toBe('anika-tipps-wohnungssuche');
    expect(ids('Sporrt')).toEqual(expect.arrayContaining(['integration-mit-sport']));
  });

  it('does not guess for short words', () => {
    expect(find('Sprt').total).toBe(0);
    expect(find('Kurz ').total).toBe(0);
  });

  it('completes the last word while it is being typed', () => {
    expect(ids('Kinderbet')[0]).toBe('lk-deutschkurs-muetter-kinderbetreuung');
    expect(ids('Wohnungssu')[0]).toBe('anika-tipps-wohnungssuche');
    expect(ids('Schuldner')).toContain('schuldnerberatung-stadt');
    // Not once the word is finished, nor for earlier words.
    const mother = 'lk-deutschkurs-muetter-kinderbetreuung';
    expect(ids('Kinderbet ')).not.toContain(mother);
    expect(ids('Kinderbet Gorodki')).not.toContain(mother);
    expect(ids('Gorodki Kinderbet')).toContain(mother);
  });
});

describe('umlauts and ß', () => {
  it('matches Mütter, Muetter and mutter', () => {
    const umlaut = ids('Mütter');
    expect(umlaut).toContain('lk-deutschkurs-muetter-kinderbetreuung');
    expect(ids('Muetter')).toEqual(umlaut);
    expect(ids('mutter')).toEqual(umlaut);
  });

  it('matches Straße and strasse', () => {
    expect(ids('Straße')[0]).toBe('sport-auf-der-strasse');
    expect(ids('strasse')).toEqual(ids('Straße'));
  });

  it('matches Flüchtlinge, Fluechtlinge and Fluchtlinge', () => {
    const umlaut = ids('Flüchtlinge');
    expect(umlaut).toContain('diakonie-arbeit-ausbildung-fluechtlinge');
    expect(ids('Fluechtlinge')).toEqual(umlaut);
    expect(ids('Fluchtlinge')).toEqual(umlaut);
  });
});

describe('queries in every UI language reach offers through labels', () => {
  it.each(uiLanguages)(
    'the %s label of category.german_course finds the German courses',
    (lang) => {
      const result = find(label('category.german_course', lang).text);
      expect(result.ids).toEqual(expect.arrayContaining(germanCourses));
      expect(result.matchedTerms).toContain('category.german_course');
      if (lang !== 'de' && lang !== 'en')
        expect(result.ids.sort()).toEqual([...germanCourses].sort());
    },
  );

  it.each(uiLanguages)('the %s label of targetGroup.women finds the offers for women', (lang) => {
    const result = find(label('targetGroup.women', lang).text);
    expect(result.ids).toEqual(expect.arrayContaining(forWomen));
    expect(result.matchedTerms).toContain('targetGroup.women');
  });

  it('finds the German courses with the Arabic label, and only them', () => {
    const result = find('دورة اللغة الألمانية');
    expect(result.ids.sort()).toEqual([...germanCourses].sort());
    expect(result.matchedTerms).toEqual(['category.german_course']);
  });

  it('finds the housing-search offers with the Ukrainian label', () => {
    const result = find('Пошук житла');
    expect(result.ids.sort()).toEqual([...housingSearch].sort());
    expect(result.matchedTerms).toContain('category.housing_search');
  });

  it('finds the offers for women with the Arabic label, with and without article', () => {
    for (const q of ['النساء', 'نساء', 'للنساء']) {
      const result = find(q);
      expect(result.ids, q).toEqual(expect.arrayContaining(forWomen));
      expect(result.matchedTerms, q).toContain('targetGroup.women');
    }
  });

  it('reaches offers through the label of a need', () => {
    const result = find('Deutsch lernen');
    expect(result.matchedTerms).toContain('need.language');
    expect(result.ids).toEqual(
      expect.arrayContaining(idsWhere((offer) => offer.category === 'integration_course')),
    );
  });

  it.each([
    ['de', 'Deutschkurs für Frauen'],
    ['en', 'German course for women'],
    ['ar', 'دورة اللغة الألمانية للنساء'],
    ['uk', 'Курс німецької мови для жінок'],
    ['ru', 'Курсы немецкого языка для женщин'],
    ['fa', 'کلاس زبان آلمانی برای زنان'],
    ['tr', 'Kadınlar için Almanca kursu'],
    ['fr', "Cours d'allemand pour femmes"],
  ])('puts the German course for mothers first for "%s: %s"', (_lang, q) => {
    const result = find(q);
    expect(result.ids[0]).toBe('lk-deutschkurs-muetter-kinderbetreuung');
    expect(result.matchedTerms).toEqual(
      expect.arrayContaining<TermCode>(['category.german_course', 'targetGroup.women']),
    );
  });

  it('reports no terms when the query reaches none', () => {
    expect(find('Gorodki').matchedTerms).toEqual([]);
    expect(find('Gorodki').ids).toEqual(['gorodki-fv-gruenwinkel', 'blaues-haus-geroldsaecker']);
  });
});

describe('ranking', () => {
  it('puts title matches above summary matches', () => {
    const found = ids('Integrationskurs');
    expect(found.slice(0, 2)).toEqual(['integrationskurs', 'zebefi-beratung-integrationskurse']);
    // berufssprachkurs names the Integrationskurs in its summary only.
    expect(found.indexOf('berufssprachkurs')).toBeGreaterThan(1);
  });

  it('puts exact and stemmed matches above typo matches', () => {
    // No offer names both; "Gorodki" matches as written, "Integratonskurs" only with a typo.
    const found = ids('Gorodki Integratonskurs');
    expect(found.slice(0, 2)).toEqual(['gorodki-fv-gruenwinkel', 'blaues-haus-geroldsaecker']);
    expect(found).toEqual(expect.arrayContaining(['integrationskurs', 'berufssprachkurs']));
  });

  it('does not guess when a word is spelled as in some offer', () => {
    // "Baden" is not "Laden" (Tafelladen), "Schulden" not "Schulen", "Frauen" not "Fragen".
    expect(ids('Baden ')).toEqual(expect.arrayContaining(['landesfamilienpass']));
    expect(ids('Baden ')).not.toContain('karlsruher-tafel');
    expect(ids('Schulden')).toEqual(['schuldnerberatung-stadt']);
    expect(ids('Frauen')).not.toContain('kita_gemeinde');
  });

  it('puts offers reached through labels after direct text matches, but includes them', () => {
    const found = ids('Frauen ');
    const direct = idsWhere((offer) => /frauen/i.test(germanText(offer)));
    const labelOnly = forWomen.filter((id) => !direct.includes(id));
    expect(labelOnly).toEqual(['lk-deutschkurs-muetter-kinderbetreuung']);
    const position = found.indexOf('lk-deutschkurs-muetter-kinderbetreuung');
    expect(position).toBeGreaterThan(0);
    for (const id of direct) expect(found.indexOf(id), id).toBeLessThan(position);
  });

  it('puts offers matching all words first and drops those matching too few', () => {
    const found = ids('Deutschkurs Frauen');
    expect(found[0]).toBe('lk-deutschkurs-muetter-kinderbetreuung');
    expect(found).not.toContain('frauenberatungsstelle-frauenhaus');
    expect(found).not.toContain('mrz-deutschkurse-asylsuchende');
    // No offer names Mannheim: the courses are still found.
    expect(ids('Deutschkurs Mannheim')).toEqual(expect.arrayContaining(germanCourses));
  });

  it('weighs the UI language only as a hint', () => {
    expect(find('course', { lang: 'de' }).ids).toEqual(
      expect.arrayContaining(find('course', { lang: 'en' }).ids),
    );
  });
});

describe('filters', () => {
  const stableOrder = (found: readonly string[]) => {
    const byId = new Map(offers.map((offer) => [offer.id, offer]));
    const collator = new Intl.Collator('de');
    return [...found].sort((a, b) => {
      const x = byId.get(a)!;
      const y = byId.get(b)!;
      return (
        topicFieldCodes.indexOf(x.topic) - topicFieldCodes.indexOf(y.topic) ||
        collator.compare(x.title.de!.text, y.title.de!.text)
      );
    });
  };

  it('lists every offer by topic and German title without a text', () => {
    const result = search.search({});
    expect(result.total).toBe(offers.length);
    expect(result.ids).toEqual(stableOrder(result.ids));
    expect(result.matchedTerms).toEqual([]);
    expect(search.search({ q: '   ' }).ids).toEqual(result.ids);
    // Only stopwords is a query all the same: it finds nothing rather than everything.
    expect(search.search({ q: '  für die ' }).ids).toEqual([]);
  });

  it('filters by topic, category, target group, language and cost, with or without a text', () => {
    expect(search.search({ category: 'german_course' }).ids).toEqual(stableOrder(germanCourses));
    expect(search.search({ topic: 'housing' }).ids).toEqual(
      stableOrder(idsWhere((offer) => offer.topic === 'housing')),
    );
    expect(search.search({ targetGroup: 'women' }).ids.sort()).toEqual([...forWomen].sort());
    expect(search.search({ language: 'ar' }).ids.sort()).toEqual([
      'fka-verfahrens-sozialberatung-lea',
      'jmd-karlsruhe-ib',
    ]);
    expect(search.search({ cost: 'paid' }).ids).toEqual(['ibz-laender-leute-leckereien']);
    for (const id of ids('Beratung', { topic: 'housing' })) {
      expect(offers.find((offer) => offer.id === id)?.topic).toBe('housing');
    }
    expect(ids('Beratung', { topic: 'housing' })).toContain('fachstelle-wohnungssicherung-stadt');
    expect(ids('Kurs', { targetGroup: 'women' })).toEqual([
      'fahrradkurs-frauen-caritas',
      'lk-deutschkurs-muetter-kinderbetreuung',
    ]);
  });

  it('combines filters with AND', () => {
    const result = search.search({ cost: ['free', 'reduced'], targetGroup: 'refugees' });
    expect(result.ids.sort()).toEqual(
      idsWhere(
        (offer) =>
          (offer.cost === 'free' || offer.cost === 'reduced') &&
          offer.targetGroups.includes('refugees'),
      ).sort(),
    );
    expect(search.search({ cost: 'free', topic: 'housing', targetGroup: 'refugees' }).ids).toEqual(
      [],
    );
    expect(ids('Beratung', { cost: 'free', targetGroup: 'refugees' })).toEqual(
      expect.arrayContaining(['fka-rechtsberatung-gefluechtete', 'anerkennungsberatung']),
    );
  });

  it('restricts to given ids, keeping the ranking', () => {
    const only = ['integrationskurs', 'berufssprachkurs', 'karlsruher-tafel', 'unknown-id'];
    expect(ids('Integrationskurs', { ids: only })).toEqual([
      'integrationskurs',
      'berufssprachkurs',
    ]);
    expect(search.search({ ids: only }).ids).toEqual([
      'berufssprachkurs',
      'integrationskurs',
      'karlsruher-tafel',
    ]);
    expect(search.search({ ids: [] }).total).toBe(0);
  });
});

describe('createOfferSearch', () => {
  it('searches extra text', () => {
    const withExtra = createOfferSearch(offers, {
      extraText: (offer) => (offer.id === 'ibz-kuiri-kune' ? ['Kochkurs in der Südweststadt'] : []),
    });
    expect(withExtra.search({ q: 'Südweststadt' }).ids).toEqual(['ibz-kuiri-kune']);
    expect(search.search({ q: 'Südweststadt' }).ids).toEqual([]);
  });

  it('searches provider names and places', () => {
    expect(ids('Tageselternverein')).toEqual(['lk-deutschkurs-muetter-kinderbetreuung']);
  });

  it('works for no offers and for odd queries', () => {
    expect(createOfferSearch([]).search({ q: 'Kurs' })).toEqual({
      ids: [],
      total: 0,
      matchedTerms: expect.any(Array),
    });
    expect(find('x'.repeat(500)).total).toBe(0);
    // Operators and wildcards alone match nothing (no injection lists everything).
    for (const q of ['?!', '%', '*', "' OR 1=1 --", 'a & b | !c']) expect(find(q).total).toBe(0);
    expect(find('Kurs'.repeat(60)).total).toBeGreaterThanOrEqual(0);
  });

  it('returns total as the number of ids', () => {
    const result = find('Beratung');
    expect(result.total).toBe(result.ids.length);
    expect(new Set(result.ids).size).toBe(result.ids.length);
  });
});

describe('SearchQuery', () => {
  it('accepts a full query', () => {
    const query = SearchQuery.parse({
      q: 'Deutschkurs',
      lang: 'ar',
      topic: 'education',
      category: 'german_course',
      targetGroup: 'women',
      language: 'de',
      cost: ['free', 'reduced'],
      ids: ['integrationskurs'],
    });
    expect(search.search(query).ids).toEqual([]);
    expect(SearchQuery.parse({ cost: 'free' })).toEqual({ cost: 'free' });
  });

  it('refuses long texts, unknown values and unknown fields', () => {
    expect(SearchQuery.safeParse({ q: 'x'.repeat(201) }).success).toBe(false);
    expect(SearchQuery.safeParse({ q: 'x'.repeat(200) }).success).toBe(true);
    expect(SearchQuery.safeParse({ category: 'cooking' }).success).toBe(false);
    expect(SearchQuery.safeParse({ lang: 'es' }).success).toBe(false);
    expect(SearchQuery.safeParse({ cost: ['free', 'cheap'] }).success).toBe(false);
    expect(SearchQuery.safeParse({ limit: 10 }).success).toBe(false);
  });
});
