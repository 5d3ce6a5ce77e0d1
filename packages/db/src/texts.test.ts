import { describe, expect, it } from 'vitest';
import {
  assembleEntity,
  hashText,
  planTranslations,
  splitEntity,
  type TranslationRow,
} from './texts.js';

const de = (text: string) => ({ text, status: 'source' as const });

describe('splitting a domain object into stored parts', () => {
  it('takes out every translatable field and the locations, and puts them back', () => {
    const offer = {
      id: 'kurs',
      title: { de: de('Kurs'), en: { text: 'Course', status: 'reviewed' as const } },
      summary: { de: de('Ein Kurs') },
      eligibility: { minAge: 16, description: { de: de('ab 16') } },
      accessibility: { wheelchair: 'yes', note: { de: de('Rampe') } },
      locations: [{ name: 'Haus A' }, { name: 'Haus B' }],
      languages: ['de'],
    };
    const parts = splitEntity('offer', offer);
    expect(parts.data).toEqual({
      id: 'kurs',
      eligibility: { minAge: 16 },
      accessibility: { wheelchair: 'yes' },
      languages: ['de'],
    });
    expect([...parts.texts.keys()]).toEqual([
      'title',
      'summary',
      'eligibility.description',
      'accessibility.note',
    ]);
    expect(parts.locations).toEqual(offer.locations);
    expect(assembleEntity(parts.data, parts.texts, parts.locations)).toEqual(offer);
    // The input is not modified.
    expect(offer.eligibility.description).toEqual({ de: de('ab 16') });
  });

  it('addresses service names by code, and drops the text of a service that is gone', () => {
    const agency = {
      id: 'amt',
      name: { de: de('Amt') },
      services: [
        { code: 'anmeldung', name: { de: de('Anmeldung') } },
        { code: 'pass', name: { de: de('Pass') } },
      ],
    };
    const parts = splitEntity('agency', agency);
    expect([...parts.texts.keys()]).toEqual([
      'name',
      'services.anmeldung.name',
      'services.pass.name',
    ]);
    expect(parts.data['services']).toEqual([{ code: 'anmeldung' }, { code: 'pass' }]);
    const withoutPass = { ...parts.data, services: [{ code: 'anmeldung' }] };
    expect(assembleEntity(withoutPass, parts.texts, [])).toEqual({
      id: 'amt',
      name: { de: de('Amt') },
      services: [{ code: 'anmeldung', name: { de: de('Anmeldung') } }],
      locations: [],
    });
  });
});

describe('planning translation rows', () => {
  const stored: TranslationRow[] = [
    { field: 'title', lang: 'de', text: 'Kurs', status: 'source', sourceHash: hashText('Kurs') },
    {
      field: 'title',
      lang: 'en',
      text: 'Course',
      status: 'reviewed',
      sourceHash: hashText('Kurs'),
    },
    { field: 'title', lang: 'uk', text: 'Курс', status: 'machine', sourceHash: null },
  ];

  it('keeps unchanged translations as they are while the source is unchanged', () => {
    const rows = planTranslations(
      new Map([
        [
          'title',
          {
            de: de('Kurs'),
            en: { text: 'Course', status: 'reviewed' as const },
            uk: { text: 'Курс', status: 'machine' as const },
          },
        ],
      ]),
      stored,
      'de',
    );
    expect(rows).toEqual(stored.map((row) => ({ ...row, sourceHash: row.sourceHash ?? null })));
  });

  it('outdates unchanged translations of a changed source, but not those without a hash', () => {
    const rows = planTranslations(
      new Map([
        [
          'title',
          {
            de: de('Sprachkurs'),
            en: { text: 'Course', status: 'reviewed' as const },
            uk: { text: 'Курс', status: 'machine' as const },
          },
        ],
      ]),
      stored,
      'de',
    );
    expect(rows.map((row) => [row.lang, row.status])).toEqual([
      ['de', 'source'],
      ['en', 'outdated'],
      ['uk', 'machine'],
    ]);
    expect(rows[0]?.sourceHash).toBe(hashText('Sprachkurs'));
    expect(rows[1]?.sourceHash).toBe(hashText('Kurs'));
  });

  it('takes a changed translation as written against the current source', () => {
    const rows = planTranslations(
      new Map([
        [
          'title',
          { de: de('Sprachkurs'), en: { text: 'Language course', status: 'reviewed' as const } },
        ],
      ]),
      stored,
      'de',
    );
    expect(rows[1]).toEqual({
      field: 'title',
      lang: 'en',
      text: 'Language course',
      status: 'reviewed',
      sourceHash: hashText('Sprachkurs'),
    });
  });
});
