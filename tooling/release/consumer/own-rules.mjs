// A third party's own city, routed by the published engine (ES module).
import assert from 'node:assert/strict';
import { ApiProblemError, createClient } from '@ankommen/client';
import { validateDocument, toHsds } from '@ankommen/hsds';
import { parseRegistry } from '@ankommen/registry';
import {
  checkRuleSet,
  createCatalog,
  createRouter,
  parseProfile,
  RuleSet,
} from '@ankommen/routing';
import { localized, Offer } from '@ankommen/taxonomy';

const text = (en, de) => localized({ en, de });
const source = { url: 'https://musterdorf.example/rathaus', asOf: '2026', confidence: 'high' };
const region = {
  name: 'Musterdorf',
  countryCode: 'de',
  state: 'Bayern',
  timeZone: 'Europe/Berlin',
  center: { lat: 48.1, lon: 11.5 },
};
const agencies = [
  {
    id: 'rathaus',
    name: text('Town hall', 'Rathaus'),
    kind: 'authority',
    source,
    verifiedAt: null,
  },
  {
    id: 'beratung',
    name: text('Advice centre', 'Beratungsstelle'),
    kind: 'ngo',
    source,
    verifiedAt: null,
  },
];
const registry = parseRegistry({ region, agencies });
const catalog = createCatalog([
  Offer.parse({
    id: 'sprachtreff',
    title: text('Language meeting', 'Sprachtreff'),
    summary: text('Practise German on Mondays.', 'Deutsch üben am Montag.'),
    providerId: 'beratung',
    providerName: 'Beratungsstelle Musterdorf',
    topic: 'education',
    category: 'german_course',
    targetGroups: ['all_newcomers'],
    source,
    verifiedAt: null,
  }),
]);
const rules = RuleSet.parse({
  id: 'musterdorf',
  version: '1',
  title: 'Ankommen in Musterdorf',
  sources: { bmg: { url: 'https://www.gesetze-im-internet.de/bmg/__17.html' } },
  documents: { passport: { label: text('Passport', 'Reisepass') } },
  rules: [
    {
      id: 'R1',
      title: 'Anmelden',
      when: { fact: 'status', op: 'answered' },
      then: [
        {
          step: 'rathaus',
          documents: ['passport'],
          deadline: { days: 14, text: text('within 2 weeks', 'binnen 2 Wochen') },
        },
      ],
      because: text('Everyone registers a new home.', 'Alle melden eine neue Wohnung an.'),
      sources: ['bmg'],
    },
    {
      id: 'R2',
      title: 'Beratung für Geflüchtete',
      when: { fact: 'status', op: 'eq', value: 'recognised_refugee' },
      then: [{ step: 'beratung', after: ['rathaus'] }],
      because: text('The advice centre helps refugees.', 'Die Beratungsstelle hilft Geflüchteten.'),
      sources: ['bmg'],
    },
  ],
});

assert.deepEqual(checkRuleSet(rules, { registry, catalog, date: '2026-11-25' }).problems, []);
const router = createRouter({ rules, registry, catalog });
const parsed = parseProfile({ status: 'recognised_refugee', needs: ['language'] });
assert.ok(parsed.success);
const wegweiser = router.route(parsed.profile, { date: '2026-11-25', lang: 'de' });
assert.deepEqual(
  wegweiser.steps.map((step) => [step.order, step.target]),
  [
    [1, 'rathaus'],
    [2, 'beratung'],
  ],
);
assert.equal(wegweiser.steps[0].deadline, 'binnen 2 Wochen');
assert.deepEqual(wegweiser.offers, ['sprachtreff']);
assert.equal(parseProfile({ status: 'astronaut' }).success, false);

const feed = toHsds({
  city: { region },
  agencies: registry.agencies,
  offers: catalog.offers,
  lang: 'en',
  modified: '2026-11-25',
});
assert.deepEqual(validateDocument(feed, 'dataset'), []);
console.log(
  `✓ ES module consumer: ${wegweiser.steps.length} steps, ${feed.services.length} HSDS service`,
);

// The API client, installed from its tarball, against the running API (its URL in API_URL).
const client = createClient({ baseUrl: process.env.API_URL });
const page = await client.get('/v1/offers', { query: { q: 'Deutschkurs', lang: 'ar' } });
assert.ok(page.items.some((item) => item.category === 'german_course'));
const problem = await client
  .get('/v1/agencies/{id}', { path: { id: 'nobody' } })
  .catch((error) => error);
assert.ok(problem instanceof ApiProblemError);
assert.equal(problem.status, 404);
console.log(`✓ ES module client: ${page.total} offers, a 404 as ApiProblemError`);
