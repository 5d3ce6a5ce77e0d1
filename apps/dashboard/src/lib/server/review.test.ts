import { describe, expect, it } from 'vitest';
import { diff, labelOf } from './review';

describe('review diff', () => {
  it('lists changed, new and removed fields, translated texts and locations included', () => {
    const published = {
      id: 'sprachcafe',
      title: {
        de: { text: 'Sprachcafé', status: 'source' },
        en: { text: 'Café', status: 'machine' },
      },
      languages: ['de', 'en'],
      locations: [{ address: { text: 'Kaiserstraße 1', city: 'Karlsruhe' } }],
      scheduleText: 'montags',
    };
    const working = {
      id: 'sprachcafe',
      title: {
        de: { text: 'Sprachcafé der AWO', status: 'source' },
        en: { text: 'Café', status: 'reviewed' },
      },
      languages: ['de', 'en', 'ar'],
      locations: [
        { address: { text: 'Kaiserstraße 1', city: 'Karlsruhe' } },
        { address: { text: 'Marktplatz 2' } },
      ],
    };
    expect(diff(published, working)).toEqual([
      {
        path: 'title.de.text',
        label: 'Titel · Deutsch · Text',
        before: 'Sprachcafé',
        after: 'Sprachcafé der AWO',
      },
      {
        path: 'title.en.status',
        label: 'Titel · Englisch · Status',
        before: 'machine',
        after: 'reviewed',
      },
      { path: 'languages', label: 'Sprachen', before: 'de, en', after: 'de, en, ar' },
      {
        path: 'locations.1.address.text',
        label: 'Standort · 2 · Adresse · Text',
        before: null,
        after: 'Marktplatz 2',
      },
      { path: 'scheduleText', label: 'Zeiten', before: 'montags', after: null },
    ]);
  });

  it('shows every field as new for a record never published, and nothing for no change', () => {
    expect(diff(null, { id: 'x', cost: 'free' }).map((c) => [c.path, c.before, c.after])).toEqual([
      ['id', null, 'x'],
      ['cost', null, 'free'],
    ]);
    expect(diff({ id: 'x', tags: [] }, { id: 'x' })).toEqual([]);
  });

  it('names paths in German, counting list positions from one', () => {
    expect(labelOf('locations.0.openingHours.osm')).toBe(
      'Standort · 1 · Öffnungszeiten · maschinenlesbar',
    );
    expect(labelOf('jurisdiction.areas')).toBe('jurisdiction · areas');
  });
});
