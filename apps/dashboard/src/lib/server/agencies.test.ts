import { describe, expect, it } from 'vitest';
import { agencyErrors, agencyForm, formFields, withAgencyForm, type AgencyValue } from './agencies';

const agency: AgencyValue = {
  id: 'beratung',
  name: { de: { text: 'Beratung', status: 'source' }, en: { text: 'Advice', status: 'machine' } },
  kind: 'ngo',
  locations: [
    {
      address: { text: 'Marktplatz 1, Karlsruhe', city: 'Karlsruhe' },
      openingHours: { osm: 'Mo 10:00-12:00', appointment: 'required' },
      accessibility: { wheelchair: 'yes' },
    },
  ],
  contact: { phone: '0721 1', fax: '0721 2' },
  source: { url: 'https://a.example/', additional: [], asOf: '2026-01-01', confidence: 'high' },
  verifiedAt: null,
  services: [{ code: 'x' }],
};

describe('agency form', () => {
  it('puts typed values in and leaves what the form does not show untouched', () => {
    const form = {
      ...agencyForm(agency),
      'name.en': 'Counselling',
      'contact.phone': '',
      'contact.email': 'info@a.example',
      'locations.0.openingHours.osm': 'Mo 10:00-13:00',
      'locations.0.coordinates.lat': '49.01',
      'locations.0.coordinates.lon': 'east',
    };
    const next = withAgencyForm(agency, form, '2026-11-25');
    expect(next.name).toEqual({
      de: { text: 'Beratung', status: 'source' },
      en: { text: 'Counselling', status: 'reviewed' },
    });
    expect(next.contact).toEqual({ fax: '0721 2', email: 'info@a.example' });
    expect(next.locations![0]).toEqual({
      address: { text: 'Marktplatz 1, Karlsruhe', city: 'Karlsruhe' },
      // Not a number: sent as typed, so the API names the field.
      coordinates: { lat: 49.01, lon: 'east' },
      openingHours: { osm: 'Mo 10:00-13:00', appointment: 'required' },
      accessibility: { wheelchair: 'yes' },
    });
    expect(next.services).toEqual([{ code: 'x' }]);
    expect(next.source).toEqual(agency.source);
  });

  it('dates a new source on the day it was entered and drops emptied parts', () => {
    const form = {
      ...agencyForm({ ...agency, source: undefined, summary: undefined }),
      'source.url': 'https://b.example/',
      'locations.0.address.text': '',
      'locations.0.address.city': '',
      'locations.0.openingHours.osm': '',
    };
    const next = withAgencyForm({ ...agency, source: undefined }, form, '2026-11-25');
    expect(next.source).toEqual({
      url: 'https://b.example/',
      additional: [],
      asOf: '2026-11-25',
      confidence: 'medium',
    });
    expect(next.locations).toEqual([
      { openingHours: { appointment: 'required' }, accessibility: { wheelchair: 'yes' } },
    ]);
    expect('summary' in next).toBe(false);
  });

  it('puts the API’s field errors at the form’s fields', () => {
    const errors = agencyErrors(
      [
        { field: 'body.value.name.de.text', message: 'must not be empty' },
        { field: 'body.value.locations.0.address.postalCode', message: 'five digits' },
        { field: 'body.value.source', message: 'needs a source' },
        { field: 'body.value.jurisdiction.areas', message: 'unknown' },
      ],
      formFields(1),
    );
    expect(errors).toEqual({
      'name.de': 'must not be empty',
      'locations.0.address.postalCode': 'five digits',
      'source.url': 'needs a source',
      form: 'unknown',
    });
  });
});
