import { createTarget, inCi, postgresUnavailable } from '@ankommen/db/testing';
import { rawData } from '@ankommen/data-karlsruhe';
import { describe, expect, it } from 'vitest';
import { startTestApi } from './testing/harness.js';

/** Waits until a condition holds, polling; fails after `limitMs`. Proves propagation, not speed. */
async function eventually(condition: () => Promise<boolean>, limitMs = 5_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const offer = (id: string, title: string) => ({
  ...(rawData.offers.find((o) => o.id === 'ibz-sprecht-miteinander') as Record<string, unknown>),
  id,
  title: { de: { text: title, status: 'source' }, en: { text: title, status: 'source' } },
});

describe('the running system', () => {
  it('keeps staff edits across restarts: seeding never overwrites or duplicates', async () => {
    const target = await createTarget('pglite', { persistent: true });
    try {
      const first = await startTestApi(target.options);
      const editor = await first.signIn('editor');
      const read = await first.request('/v1/admin/offers/ibz-sprecht-miteinander', {
        headers: { cookie: editor },
      });
      const record = (await read.json()) as any;
      const changed = {
        ...record.value,
        title: { ...record.value.title, de: { text: 'Geänderter Titel', status: 'source' } },
      };
      const put = await first.request('/v1/admin/offers/ibz-sprecht-miteinander', {
        method: 'PUT',
        body: { value: changed },
        headers: { cookie: editor, 'if-match': read.headers.get('etag')! },
      });
      const publish = await first.request('/v1/admin/offers/ibz-sprecht-miteinander/publish', {
        method: 'POST',
        body: { version: ((await put.json()) as any).version },
        headers: { cookie: editor },
      });
      expect(publish.status).toBe(200);
      const count = (await first.system.database.offers.list()).length;
      await first.close();

      const second = await startTestApi(target.options);
      try {
        const response = await second.request('/v1/offers/ibz-sprecht-miteinander?lang=de');
        expect(((await response.json()) as any).title.text).toBe('Geänderter Titel');
        expect((await second.system.database.offers.list()).length).toBe(count);
      } finally {
        await second.close();
      }
    } finally {
      await target.dispose();
    }
  });

  (postgresUnavailable && !inCi ? it.skip : it)(
    'serves a publish made by one process from another (PostgreSQL LISTEN/NOTIFY)',
    async () => {
      const target = await createTarget('postgres');
      const one = await startTestApi(target.options);
      const two = await startTestApi(target.options);
      try {
        const editor = await one.signIn('editor');
        const created = await one.request('/v1/admin/offers', {
          method: 'POST',
          body: { value: offer('notify-test', 'Über LISTEN/NOTIFY') },
          headers: { cookie: editor },
        });
        expect(created.status).toBe(201);
        const published = await one.request('/v1/admin/offers/notify-test/publish', {
          method: 'POST',
          body: { version: 1 },
          headers: { cookie: editor },
        });
        expect(published.status).toBe(200);
        await eventually(async () => (await two.request('/v1/offers/notify-test')).status === 200);
        const health = await two.request('/health');
        expect(((await health.json()) as any).database.ok).toBe(true);
      } finally {
        await one.close();
        await two.close();
        await target.dispose();
      }
    },
  );
});
