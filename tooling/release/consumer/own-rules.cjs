// The same engine through require(): the CommonJS builds.
const assert = require('node:assert/strict');
const { parseRegistry } = require('@ankommen/registry');
const { createCatalog, createRouter, RuleSet } = require('@ankommen/routing');
const { localized, label } = require('@ankommen/taxonomy');
const { hsdsId } = require('@ankommen/hsds');

const source = { url: 'https://musterdorf.example/rathaus', asOf: '2026', confidence: 'high' };
const registry = parseRegistry({
  region: {
    name: 'Musterdorf',
    countryCode: 'de',
    state: 'Bayern',
    timeZone: 'Europe/Berlin',
    center: { lat: 48.1, lon: 11.5 },
  },
  agencies: [
    {
      id: 'rathaus',
      name: localized({ de: 'Rathaus' }),
      kind: 'authority',
      source,
      verifiedAt: null,
    },
  ],
});
const rules = RuleSet.parse({
  id: 'musterdorf',
  version: '1',
  title: 'Ankommen in Musterdorf',
  sources: { bmg: { url: 'https://www.gesetze-im-internet.de/bmg/__17.html' } },
  documents: {},
  rules: [
    {
      id: 'R1',
      title: 'Anmelden',
      when: { fact: 'citizenship', op: 'ne', value: 'german' },
      then: [{ step: 'rathaus' }],
      because: localized({ de: 'Alle melden eine neue Wohnung an.' }),
      sources: ['bmg'],
    },
  ],
});
const router = createRouter({ rules, registry, catalog: createCatalog([]) });
const asked = router.route({}, { date: '2026-11-25' });
assert.deepEqual(asked.steps, []);
assert.deepEqual(asked.missing, ['citizenship']);
const routed = router.route({ citizenship: 'EU' }, { date: '2026-11-25' });
assert.deepEqual(
  routed.steps.map((step) => step.target),
  ['rathaus'],
);
assert.equal(label('topic.work', 'de').text.length > 0, true);
assert.match(hsdsId('organization', 'rathaus'), /^[0-9a-f-]{36}$/);
console.log('✓ CommonJS consumer: the engine asks for citizenship, then routes to rathaus');

// The API client through require(), against the running API (its URL in API_URL).
const { ApiProblemError, createClient } = require('@ankommen/client');
const client = createClient({ baseUrl: process.env.API_URL });
client
  .post('/v1/route', { body: { profile: { age: 34 }, date: '2026-11-25', lang: 'en' } })
  .then(async (wegweiser) => {
    assert.ok(wegweiser.missing.includes('status'));
    const problem = await client
      .post('/v1/route', { body: { profile: { age: -1 } } })
      .catch((error) => error);
    assert.ok(problem instanceof ApiProblemError);
    assert.deepEqual(
      problem.errors.map((error) => error.field),
      ['body.profile.age'],
    );
    console.log(`✓ CommonJS client: ${wegweiser.steps.length} steps, a 400 naming the field`);
  })
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
