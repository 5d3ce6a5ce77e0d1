// A strictly typed consumer of @ankommen/client (type-checked; the .mjs and .cjs consumers run).
import assert from 'node:assert/strict';
import {
  ApiProblemError,
  createClient,
  type CompactRouteAnswer,
  type OfferPage,
  type Text,
} from '@ankommen/client';

export async function main(): Promise<void> {
  const client = createClient({ baseUrl: process.env.API_URL ?? 'http://localhost:8787' });
  const page: OfferPage = await client.get('/v1/offers', {
    query: { q: 'Deutschkurs', lang: 'ar', perPage: 3 },
  });
  // noUncheckedIndexedAccess: an element may be missing.
  const title: string | undefined = page.items[0]?.title;
  assert.ok(title);
  const offer = await client.get('/v1/offers/{id}', {
    path: { id: 'buergerbuero-wohnsitzanmeldung' },
    query: { lang: 'ar' },
  });
  const text: Text | null = offer.title;
  assert.equal(text?.lang, 'en');
  const wegweiser: CompactRouteAnswer = await client.route(
    { age: 34, citizenship: 'third_country', residence: 'karlsruhe_city' },
    { lang: 'en', date: '2026-11-25' },
  );
  assert.ok(wegweiser.steps.length > 0);
  const failure = await client
    .post('/v1/route', { body: { profile: { age: -1 } } })
    .catch((error: unknown) => error);
  assert.ok(failure instanceof ApiProblemError);
  assert.deepEqual(
    failure.errors.map((e) => e.field),
    ['body.profile.age'],
  );
  // @ts-expect-error: not a path of the API
  void client.get('/v1/nothing');
  // @ts-expect-error: not an answer of a profile field
  void client.route({ age: 'old' });
  console.log(
    `✓ client.ts: ${page.total} offers, ${wegweiser.steps.length} steps, ${failure.status}`,
  );
}
