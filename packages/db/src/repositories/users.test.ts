import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { NotFoundError } from '../errors.js';
import { describeEachBackend } from '../testing/backends.js';
import { hashToken } from './sessions.js';

const hour = 3_600_000;

describeEachBackend('users and sessions', ({ database }) => {
  let partnerAgency = '';

  beforeAll(async () => {
    // A minimal agency for partner accounts; the schema refuses one without a source.
    const agency = await database().agencies.create(
      {
        id: 'partner-verein',
        name: { de: { text: 'Partnerverein', status: 'source' } },
        kind: 'association',
        verifiedAt: null,
        exampleData: true,
      },
      { actor: null },
    );
    partnerAgency = agency.id;
  });

  it('creates users with lower-case e-mail addresses that are unique', async () => {
    const db = database();
    const user = await db.users.create(
      { email: ' Anna.Admin@Example.org ', passwordHash: '$argon2id$x', role: 'admin' },
      { actor: null },
    );
    expect(user).toMatchObject({ email: 'anna.admin@example.org', role: 'admin', active: true });
    expect(user.partnerAgencyId).toBeNull();
    expect(await db.users.findByEmail('ANNA.ADMIN@example.org')).toEqual(user);
    expect(await db.users.get(user.id)).toEqual(user);
    expect(await db.users.get('not-a-uuid')).toBeUndefined();
    await expect(
      db.users.create({ email: 'anna.admin@example.org', passwordHash: 'x', role: 'editor' }),
    ).rejects.toMatchObject({ code: 'already_exists' });
    await expect(
      db.users.create({ email: 'not an address', passwordHash: 'x', role: 'editor' }),
    ).rejects.toBeInstanceOf(ZodError);
    const [entry] = await db.audit.list({ entityType: 'user', entityId: user.id });
    expect(entry).toMatchObject({ action: 'create' });
    expect(JSON.stringify(entry?.after)).not.toContain('argon2');
  });

  it('ties partner users to an existing agency and only them', async () => {
    const db = database();
    await expect(
      db.users.create({ email: 'p1@example.org', passwordHash: 'x', role: 'partner' }),
    ).rejects.toBeInstanceOf(ZodError);
    await expect(
      db.users.create({
        email: 'e1@example.org',
        passwordHash: 'x',
        role: 'editor',
        partnerAgencyId: partnerAgency,
      }),
    ).rejects.toBeInstanceOf(ZodError);
    await expect(
      db.users.create({
        email: 'p2@example.org',
        passwordHash: 'x',
        role: 'partner',
        partnerAgencyId: 'no-such-agency',
      }),
    ).rejects.toMatchObject({ code: 'dangling_reference' });
    const partner = await db.users.create({
      email: 'p3@example.org',
      passwordHash: 'x',
      role: 'partner',
      partnerAgencyId: partnerAgency,
    });
    expect(partner.partnerAgencyId).toBe(partnerAgency);
    await expect(db.users.update(partner.id, { role: 'editor' })).rejects.toBeInstanceOf(ZodError);
    const promoted = await db.users.update(
      partner.id,
      { role: 'editor', partnerAgencyId: null },
      { actor: null },
    );
    expect(promoted).toMatchObject({ role: 'editor', partnerAgencyId: null });
  });

  it('updates users and audits without the password hash', async () => {
    const db = database();
    const user = await db.users.create({
      email: 'e2@example.org',
      passwordHash: 'old',
      role: 'editor',
    });
    const updated = await db.users.update(
      user.id,
      { passwordHash: 'new', active: false },
      { actor: user.id },
    );
    expect(updated).toMatchObject({ passwordHash: 'new', active: false });
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(user.updatedAt.getTime());
    const [entry] = await db.audit.list({
      entityType: 'user',
      entityId: user.id,
      action: 'update',
    });
    expect(entry?.after).toMatchObject({ active: false, passwordChanged: true });
    expect(JSON.stringify(entry)).not.toMatch(/"(old|new)"/);
    await expect(
      db.users.update('00000000-0000-4000-8000-000000000000', { active: true }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await db.users.list()).map((u) => u.email)).toContain('e2@example.org');
  });

  it('keeps only token hashes, and sessions end when they expire', async () => {
    const db = database();
    const user = await db.users.create({
      email: 's1@example.org',
      passwordHash: 'x',
      role: 'reviewer',
    });
    const live = hashToken('live-token');
    const expired = hashToken('expired-token');
    await db.sessions.create({
      userId: user.id,
      tokenHash: live,
      kind: 'cookie',
      expiresAt: new Date(Date.now() + hour),
    });
    await db.sessions.create({
      userId: user.id,
      tokenHash: expired,
      kind: 'token',
      label: 'HSDS mirror',
      expiresAt: new Date(Date.now() + hour),
    });
    // Let the second one expire on the database clock.
    await db.db.execute(
      sql`update sessions set expires_at = now() - interval '1 second' where id_hash = ${expired}`,
    );
    const session = await db.sessions.get(live);
    expect(session).toMatchObject({ userId: user.id, kind: 'cookie', idHash: live });
    expect(session?.user.email).toBe('s1@example.org');
    expect(await db.sessions.get(expired)).toBeUndefined();
    expect(await db.sessions.get('live-token')).toBeUndefined();
    expect((await db.sessions.listForUser(user.id)).map((s) => s.idHash)).toEqual([live]);
    await expect(
      db.sessions.create({
        userId: user.id,
        tokenHash: 'raw-token',
        kind: 'cookie',
        expiresAt: new Date(Date.now() + hour),
      }),
    ).rejects.toBeInstanceOf(ZodError);

    expect(await db.sessions.deleteExpired()).toBeGreaterThanOrEqual(1);
    expect(await db.sessions.delete(live)).toBe(true);
    expect(await db.sessions.delete(live)).toBe(false);
    expect(await db.sessions.get(live)).toBeUndefined();
    const actions = (await db.audit.list({ entityType: 'user', entityId: user.id })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(['logout', 'token_create', 'login', 'create']);
  });

  it('lets the caller’s clock decide expiry, so a fixed clock governs it too', async () => {
    const db = database();
    const user = await db.users.create({
      email: 's3@example.org',
      passwordHash: 'x',
      role: 'editor',
    });
    const token = hashToken('fixed-clock-token');
    await db.sessions.create({
      userId: user.id,
      tokenHash: token,
      kind: 'cookie',
      expiresAt: new Date('2026-11-25T17:00:00Z'),
    });
    expect(await db.sessions.get(token, new Date('2026-11-25T16:59:59Z'))).toBeDefined();
    expect(await db.sessions.get(token, new Date('2026-11-25T17:00:00Z'))).toBeUndefined();
    expect(await db.sessions.listForUser(user.id, new Date('2026-11-25T09:00:00Z'))).toHaveLength(
      1,
    );
    expect(await db.sessions.deleteExpired(new Date('2026-11-25T09:00:00Z'))).toBe(0);
  });

  it('ends every session of a user, and ignores sessions of inactive users', async () => {
    const db = database();
    const user = await db.users.create({
      email: 's2@example.org',
      passwordHash: 'x',
      role: 'editor',
    });
    const tokens = ['a', 'b', 'c'].map(hashToken);
    for (const tokenHash of tokens) {
      await db.sessions.create({
        userId: user.id,
        tokenHash,
        kind: 'cookie',
        expiresAt: new Date(Date.now() + hour),
      });
    }
    await db.users.update(user.id, { active: false });
    expect(await db.sessions.get(tokens[0] as string)).toBeUndefined();
    expect(await db.sessions.deleteForUser(user.id)).toBe(3);
    expect(await db.sessions.listForUser(user.id)).toEqual([]);
  });
});
