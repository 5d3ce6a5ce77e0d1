import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem } from '../scripts/system.js';

// The API limits routing and its questions per client. The site asks on behalf of its
// visitors, so it must name each one: otherwise one busy visitor would use up the budget of
// everyone. Here the site reads the visitor's address from X-Forwarded-For, as it would behind
// a proxy (adapter-node's ADDRESS_HEADER), so that the test can be two visitors.
let system: Awaited<ReturnType<typeof startSystem>>;
beforeAll(async () => {
  system = await startSystem({
    api: { ROUTE_RATE_LIMIT: '2' },
    web: { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' },
  });
});
afterAll(() => system?.close());

const guide = async (visitor: string) =>
  (await fetch(`${system.url}/de/guide`, { headers: { 'x-forwarded-for': visitor } })).status;

describe('the API’s limits, through the site', () => {
  it('count each visitor, not the site as one client', async () => {
    // Each page of the guide asks the API for the next question.
    expect([await guide('203.0.113.1'), await guide('203.0.113.1')]).toEqual([200, 200]);
    expect(await guide('203.0.113.1')).not.toBe(200);
    expect(await guide('203.0.113.2')).toBe(200);
  });
});
