import { describe, expect, it } from 'vitest';
import { hsdsId } from './ids.js';
import { Address, Language, Location, Organization, Schedule, Service } from './schemas.js';

const id = hsdsId('address', 'test');
const address = {
  id,
  address_1: 'Kaiserallee 12 d',
  city: 'Karlsruhe',
  state_province: 'Baden-Württemberg',
  postal_code: '76133',
  country: 'DE',
  address_type: 'physical',
};

describe('HSDS schemas', () => {
  it('accept a valid record', () => {
    expect(Address.parse(address)).toEqual(address);
  });

  it.each([
    ['a missing postcode', { ...address, postal_code: undefined }],
    ['a lower-case country', { ...address, country: 'de' }],
    ['an unknown address type', { ...address, address_type: 'home' }],
    ['a non-UUID id', { ...address, id: 'ibz-karlsruhe' }],
    ['an unknown field', { ...address, street: 'Kaiserallee 12 d' }],
  ])('refuse an address with %s', (_, value) => {
    expect(Address.safeParse(value).success).toBe(false);
  });

  it('check services: required fields, status codes, ages, dates', () => {
    const service = { id: hsdsId('service', 'x'), name: 'Deutschkurs', status: 'active' };
    expect(Service.safeParse(service).success).toBe(true);
    expect(Service.safeParse({ ...service, status: 'open' }).success).toBe(false);
    expect(Service.safeParse({ ...service, name: undefined }).success).toBe(false);
    expect(Service.safeParse({ ...service, minimum_age: 27, maximum_age: 12 }).success).toBe(false);
    expect(Service.safeParse({ ...service, last_modified: '2026-11-25' }).success).toBe(false);
    expect(Service.safeParse({ ...service, last_modified: '2026-11-25T00:00:00Z' }).success).toBe(
      true,
    );
    expect(Service.safeParse({ ...service, assured_date: '25.11.2026' }).success).toBe(false);
  });

  it('check organizations need a description, locations a type, languages ISO codes', () => {
    const organization = { id: hsdsId('organization', 'x'), name: 'ibz' };
    expect(Organization.safeParse(organization).success).toBe(false);
    expect(Organization.safeParse({ ...organization, description: 'ibz' }).success).toBe(true);
    expect(Location.safeParse({ id: hsdsId('location', 'x') }).success).toBe(false);
    expect(Language.safeParse({ id: hsdsId('language', 'x'), code: 'ti' }).success).toBe(true);
    expect(Language.safeParse({ id: hsdsId('language', 'x'), code: 'Deutsch' }).success).toBe(
      false,
    );
  });

  it('check schedules follow RRULE codes and HH:MM times', () => {
    const schedule = { id: hsdsId('schedule', 'x'), freq: 'WEEKLY', byday: 'MO,TU' };
    expect(
      Schedule.safeParse({ ...schedule, opens_at: '08:30', closes_at: '12:30+01:00' }).success,
    ).toBe(true);
    expect(Schedule.safeParse({ ...schedule, byday: '2MO,-1FR' }).success).toBe(true);
    expect(Schedule.safeParse({ ...schedule, byday: 'Mo-Fr' }).success).toBe(false);
    expect(Schedule.safeParse({ ...schedule, freq: 'DAILY' }).success).toBe(false);
    expect(Schedule.safeParse({ ...schedule, opens_at: '8.30' }).success).toBe(false);
    expect(Schedule.safeParse({ ...schedule, opens_at: '24:00' }).success).toBe(false);
  });
});
