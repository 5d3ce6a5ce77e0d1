import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeb } from '../scripts/system.js';

/** A port nothing listens on: the API is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let web: { url: string; close(): void };
beforeAll(async () => {
  web = await startWeb(`http://127.0.0.1:${await closedPort()}`);
});
afterAll(() => web?.close());

describe('the site while the API is down', () => {
  it('answers every page type with 503 in the visitor’s language, and keeps running', async () => {
    for (const path of [
      '/de',
      '/ar/offers?topic=work',
      '/en/offers/x',
      '/de/agencies',
      '/de/guide',
    ]) {
      const response = await fetch(`${web.url}${path}`);
      expect(response.status, path).toBe(503);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
    }
    const arabic = await (await fetch(`${web.url}/ar/offers`)).text();
    expect(arabic).toContain('الخدمة غير متاحة حاليًا');
  });
});
