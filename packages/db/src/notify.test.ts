import { karlsruhe, rawData } from '@ankommen/data-karlsruhe';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createDatabase } from './database.js';
import { PUBLIC_CHANGE_CHANNEL, type PublicChange } from './public-change.js';
import { seed } from './seed.js';
import { describeBackend, describeEachBackend } from './testing/backends.js';

describeEachBackend('notifications', ({ database }) => {
  it('delivers notify to listen, until unlistened', async () => {
    const db = database();
    const received: string[] = [];
    const unlisten = await db.listen('ankommen_test', (payload) => received.push(payload));
    await db.notify('ankommen_test', 'eins');
    await expect.poll(() => received).toEqual(['eins']);
    await unlisten();
    await db.notify('ankommen_test', 'zwei');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toEqual(['eins']);
  });
});

describeBackend('postgres', 'notifications between processes', ({ database, target }) => {
  beforeAll(async () => {
    await seed(database(), rawData);
  });

  it('delivers LISTEN/NOTIFY across two connections, and a publish within a second', async () => {
    const writer = database();
    const reader = await createDatabase(target().options);
    try {
      const received: string[] = [];
      await reader.listen('ankommen_test', (payload) => received.push(payload));
      await writer.notify('ankommen_test', 'hallo');
      await expect.poll(() => received, { timeout: 1_000 }).toEqual(['hallo']);

      const changes: PublicChange[] = [];
      await reader.listen(PUBLIC_CHANGE_CHANNEL, (payload) =>
        changes.push(JSON.parse(payload) as PublicChange),
      );
      const offer = karlsruhe().catalog.offers[0];
      if (!offer) throw new Error('no offer');
      const record = await writer.offers.get(offer.id);
      const started = Date.now();
      await writer.offers.update(offer.id, offer, {
        expectedVersion: record?.version ?? 1,
        actor: null,
        status: 'published',
      });
      await expect
        .poll(() => changes.some((c) => c.entityType === 'offer' && c.entityId === offer.id), {
          timeout: 1_000,
        })
        .toBe(true);
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      await reader.close();
    }
  });

  it('listens again after its connection was killed, and says so', async () => {
    const writer = database();
    const errors: Error[] = [];
    const reader = await createDatabase({
      ...target().options,
      onError: (error) => errors.push(error),
    });
    try {
      const received: string[] = [];
      let reconnects = 0;
      await reader.listen('ankommen_restart', (payload) => received.push(payload), {
        onReconnect: () => {
          reconnects += 1;
        },
      });
      // What a server restart does to the listening session.
      await writer.db.execute(
        sql`select pg_terminate_backend(pid) from pg_stat_activity
            where datname = current_database() and query like 'LISTEN%' and pid <> pg_backend_pid()`,
      );
      await expect.poll(() => reconnects, { timeout: 5_000 }).toBe(1);
      expect(errors.map((error) => error.message)).toContain(
        'terminating connection due to administrator command',
      );
      expect((await reader.health()).listening).toBe(true);
      await writer.notify('ankommen_restart', 'wieder da');
      await expect.poll(() => received).toEqual(['wieder da']);
    } finally {
      await reader.close();
    }
  });
});
