// A strictly typed consumer: the published declarations carry the real types.
import { parseRegistry, type Registry } from '@ankommen/registry';
import {
  createCatalog,
  createRouter,
  RuleSet,
  type Profile,
  type Step,
  type Wegweiser,
} from '@ankommen/routing';
import { localized, type Offer } from '@ankommen/taxonomy';
import { validateDocument, type DocumentKind, type FeedIssue } from '@ankommen/hsds';

const registry: Registry = parseRegistry({
  region: {
    name: 'Musterdorf',
    countryCode: 'de',
    state: 'Bayern',
    timeZone: 'Europe/Berlin',
    center: { lat: 48.1, lon: 11.5 },
  },
  agencies: [],
});
const offers: Offer[] = [];
const rules: RuleSet = RuleSet.parse({
  id: 'leer',
  version: '1',
  title: 'Leer',
  sources: {},
  documents: {},
  rules: [],
});
const profile: Profile = { age: 30, needs: ['work'], residence: 'other' };
const wegweiser: Wegweiser = createRouter({
  rules,
  registry,
  catalog: createCatalog(offers),
}).route(profile, { date: '2026-11-25', lang: 'de' });
// noUncheckedIndexedAccess: an element may be missing.
const first: Step | undefined = wegweiser.steps[0];
const order: number = first?.order ?? 0;
const kind: DocumentKind = 'services';
const issues: FeedIssue[] = validateDocument({}, kind);
// @ts-expect-error: not a field of the profile
const wrong: Profile = { favourite_colour: 'blue' };
// @ts-expect-error: not a document kind
const wrongKind: DocumentKind = 'things';
console.log(order, issues.length, wrong, wrongKind, localized({ de: 'x' }));
