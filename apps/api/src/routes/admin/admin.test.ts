import { createTarget, describeOn, type BackendName, type TestTarget } from '@ankommen/db/testing';
import { rawData } from '@ankommen/data-karlsruhe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../testing/harness.js';

for (const backend of ['pglite', 'postgres'] as BackendName[]) {
  const run = describeOn(backend);
  run(`staff API [${backend}]`, () => {
    let target: TestTarget;
    let api: TestApi;
    beforeAll(async () => {
      target = await createTarget(backend);
      api = await startTestApi(target.options);
    });
    afterAll(async () => {
      await api?.close();
      await target?.dispose();
    });

    const call = async (
      cookie: string,
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) => {
      const response = await api.request(path, { method, body, headers: { cookie, ...headers } });
      const text = await response.text();
      return {
        status: response.status,
        etag: response.headers.get('etag'),
        body: text ? (JSON.parse(text) as any) : null,
      };
    };

    // Throttling, enumeration, session ids, expiry, sign-out and cookies: sign-in.test.ts.
    describe('sign-in', () => {
      it('issues API tokens for machine clients', async () => {
        const cookie = await api.signIn('editor');
        const { body } = await call(cookie, 'POST', '/v1/admin/tokens', {
          label: 'HSDS mirror',
          days: 30,
        });
        const response = await api.request('/v1/admin/me', {
          headers: { authorization: `Bearer ${body.token}` },
        });
        expect(response.status).toBe(200);
      });
    });

    describe('offers: a partner submits, a reviewer approves, the public sees it', () => {
      const offer = () => ({
        ...(rawData.offers.find((o) => o.id === 'awo-migrationsberatung-mbe') as Record<
          string,
          unknown
        >),
        id: `awo-sprachcafe-${backend}`,
        title: {
          de: { text: 'Sprachcafé der AWO', status: 'source' },
          en: { text: 'AWO language café', status: 'source' },
        },
        providerId: 'awo-karlsruhe-migrationszentrum',
      });

      it('runs the whole workflow with versions, and writes the audit log', async () => {
        const partner = await api.signIn('partner', {
          partnerAgencyId: 'awo-karlsruhe-migrationszentrum',
        });
        const reviewer = await api.signIn('reviewer');
        const created = await call(partner, 'POST', '/v1/admin/offers', { value: offer() });
        expect(created.status).toBe(201);
        expect(created.body.status).toBe('draft');
        expect((await api.request(`/v1/offers/${offer().id}`)).status).toBe(404);

        const submitted = await call(
          partner,
          'POST',
          `/v1/admin/offers/${offer().id}/submit`,
          {},
          { 'if-match': created.etag! },
        );
        expect(submitted.body.status).toBe('in_review');
        expect(
          (
            await call(partner, 'POST', `/v1/admin/offers/${offer().id}/approve`, {
              version: submitted.body.version,
            })
          ).status,
        ).toBe(403);

        const approved = await call(reviewer, 'POST', `/v1/admin/offers/${offer().id}/approve`, {
          version: submitted.body.version,
        });
        expect(approved.status).toBe(200);
        const published = await api.request(`/v1/offers/${offer().id}?lang=de`);
        expect(published.status).toBe(200);
        expect(((await published.json()) as any).title.text).toBe('Sprachcafé der AWO');

        const audit = await call(
          reviewer,
          'GET',
          `/v1/admin/audit?entityType=offer&entityId=${offer().id}`,
        );
        expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual(
          expect.arrayContaining(['create']),
        );
        expect(audit.body.items.length).toBeGreaterThanOrEqual(3);
      });

      it('tells the partner the latest review decision and comment, and staff who checked it last', async () => {
        const partner = await api.signIn('partner', {
          partnerAgencyId: 'awo-karlsruhe-migrationszentrum',
        });
        const reviewer = await api.signIn('reviewer', { email: `rita-${backend}@example.org` });
        const editor = await api.signIn('editor', { email: `edith-${backend}@example.org` });
        const path = `/v1/admin/offers/${offer().id}`;
        const before = await call(partner, 'GET', path);
        const edited = await call(
          partner,
          'PUT',
          path,
          { value: { ...before.body.value, scheduleText: 'dienstags 15 Uhr' } },
          { 'if-match': before.etag! },
        );
        const submitted = await call(
          partner,
          'POST',
          `${path}/submit`,
          {},
          { 'if-match': edited.etag! },
        );
        const rejected = await call(
          reviewer,
          'POST',
          `${path}/reject`,
          { comment: 'Bitte die Quelle für die Zeit nennen.' },
          { 'if-match': submitted.etag! },
        );
        expect(rejected.status).toBe(200);
        const seen = await call(partner, 'GET', path);
        expect(seen.body.lastReview).toMatchObject({
          decision: 'reject',
          comment: 'Bitte die Quelle für die Zeit nennen.',
          by: { role: 'reviewer' },
        });
        expect(seen.body.lastReview.by.email).toBeUndefined();

        const checked = await call(
          editor,
          'PUT',
          path,
          { value: { ...seen.body.value, verifiedAt: '2026-11-25' } },
          { 'if-match': seen.etag! },
        );
        expect(checked.status).toBe(200);
        const staffView = await call(reviewer, 'GET', path);
        expect(staffView.body.lastReview.by.email).toBe(`rita-${backend}@example.org`);
        expect(staffView.body.lastCheck).toMatchObject({
          verifiedAt: '2026-11-25',
          by: { role: 'editor', email: `edith-${backend}@example.org` },
        });
      });

      it('keeps partners to their own agency’s offers', async () => {
        const other = await api.signIn('partner', { partnerAgencyId: 'ibz-karlsruhe' });
        expect((await call(other, 'GET', `/v1/admin/offers/${offer().id}`)).status).toBe(404);
        const list = await call(other, 'GET', '/v1/admin/offers');
        expect(
          list.body.items.every(
            (r: { value: { providerId?: string } }) => r.value.providerId === 'ibz-karlsruhe',
          ),
        ).toBe(true);
        const foreign = await call(other, 'POST', '/v1/admin/offers', {
          value: { ...offer(), id: `foreign-${backend}` },
        });
        expect(foreign.status).toBe(403);
      });

      it('takes an archived offer out of the archive only through review, never by an edit alone', async () => {
        const partner = await api.signIn('partner', { partnerAgencyId: 'ibz-karlsruhe' });
        const editor = await api.signIn('editor');
        const reviewer = await api.signIn('reviewer');
        const id = 'ibz-kulturdialog';
        const path = `/v1/admin/offers/${id}`;
        const current = await call(editor, 'GET', path);
        const archived = await call(editor, 'POST', `${path}/archive`, {
          version: current.body.version,
        });
        expect(archived.status).toBe(200);
        expect((await api.request(`/v1/offers/${id}`)).status).toBe(404);

        const value = { ...current.body.value, scheduleText: 'wieder jeden Dienstag' };
        const edited = await call(partner, 'PUT', path, {
          value,
          version: archived.body.version,
        });
        expect(edited.status).toBe(200);
        expect(edited.body).toMatchObject({ status: 'draft', published: null });
        // The old public copy stays withdrawn: the edit alone shows nothing.
        expect((await api.request(`/v1/offers/${id}`)).status).toBe(404);

        const submitted = await call(partner, 'POST', `${path}/submit`, {
          version: edited.body.version,
        });
        await call(reviewer, 'POST', `${path}/approve`, { version: submitted.body.version });
        const shown = await api.request(`/v1/offers/${id}?lang=de`);
        expect(shown.status).toBe(200);
      });

      it('refuses a stale write with 409, and a blind one with 428: nothing is lost silently', async () => {
        const first = await api.signIn('editor');
        const second = await api.signIn('editor');
        const read = await call(first, 'GET', `/v1/admin/offers/${offer().id}`);
        const change = (text: string) => ({
          value: {
            ...read.body.value,
            summary: { de: { text, status: 'source' }, en: { text, status: 'source' } },
          },
        });
        const winner = await call(
          first,
          'PUT',
          `/v1/admin/offers/${offer().id}`,
          change('Erste Änderung'),
          { 'if-match': read.etag! },
        );
        expect(winner.status).toBe(200);
        const loser = await call(
          second,
          'PUT',
          `/v1/admin/offers/${offer().id}`,
          change('Zweite Änderung'),
          { 'if-match': read.etag! },
        );
        expect(loser.status).toBe(409);
        expect(loser.body.currentVersion).toBe(winner.body.version);
        expect(
          (await call(second, 'PUT', `/v1/admin/offers/${offer().id}`, change('Blind'))).status,
        ).toBe(428);
        const now = await call(first, 'GET', `/v1/admin/offers/${offer().id}`);
        expect(now.body.value.summary.de.text).toBe('Erste Änderung');
      });

      it('lets exactly one of many concurrent updates win each version', async () => {
        const editor = await api.signIn('editor');
        const read = await call(editor, 'GET', `/v1/admin/offers/${offer().id}`);
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            call(
              editor,
              'PUT',
              `/v1/admin/offers/${offer().id}`,
              { value: { ...read.body.value, scheduleText: `Termin ${i}` } },
              { 'if-match': read.etag! },
            ),
          ),
        );
        expect(results.filter((r) => r.status === 200)).toHaveLength(1);
        expect(results.filter((r) => r.status === 409)).toHaveLength(9);
      });

      it('names invalid fields of an offer', async () => {
        const editor = await api.signIn('editor');
        const summary = { de: { text: 'a'.repeat(10_001), status: 'source' } };
        const bad = await call(editor, 'POST', '/v1/admin/offers', {
          value: { ...offer(), id: 'Bad Id', category: 'unicorns', summary },
        });
        expect(bad.status).toBe(400);
        expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
          expect.arrayContaining([
            'body.value.id',
            'body.value.category',
            'body.value.summary.de.text',
          ]),
        );
      });
    });

    describe('rule sets', () => {
      it('refuses to publish a rule set that breaks a persona, names it, and restores an earlier version', async () => {
        const editor = await api.signIn('editor');
        const reviewer = await api.signIn('reviewer');
        const ruleSet = structuredClone(rawData.rules) as {
          rules: { id: string; then: unknown[] }[];
        };
        // Break R06: third-country nationals in the city no longer go to the immigration office.
        ruleSet.rules = ruleSet.rules.filter((rule) => rule.id !== 'R06');
        const draft = await call(editor, 'POST', '/v1/admin/rule-sets', {
          ruleSet,
          personas: rawData.personas,
          note: 'drop R06',
        });
        expect(draft.status).toBe(201);
        expect(draft.body.report.publishable).toBe(false);
        expect(draft.body.report.changes.length).toBeGreaterThan(0);
        const refused = await call(
          reviewer,
          'POST',
          `/v1/admin/rule-sets/${draft.body.version}/publish`,
        );
        expect(refused.status).toBe(422);
        expect(refused.body.failingPersonas.map((p: { id: string }) => p.id)).toContain('p02');

        const good = await call(editor, 'POST', '/v1/admin/rule-sets', {
          ruleSet: rawData.rules,
          personas: rawData.personas,
        });
        const published = await call(
          reviewer,
          'POST',
          `/v1/admin/rule-sets/${good.body.version}/publish`,
        );
        expect(published.status).toBe(200);
        const versions = await call(reviewer, 'GET', '/v1/admin/rule-sets');
        const first = versions.body.items.find((v: { version: number }) => v.version === 1);
        expect(first.status).toBe('superseded');
        const restored = await call(reviewer, 'POST', '/v1/admin/rule-sets/1/restore');
        expect(restored.status).toBe(200);
        expect(restored.body.restoredFrom).toBe(1);
      });

      it('reports every schema error of a draft with its path', async () => {
        const editor = await api.signIn('editor');
        const ruleSet = structuredClone(rawData.rules) as { rules: Record<string, unknown>[] };
        ruleSet.rules[0]!.id = 'lowercase';
        ruleSet.rules[1]!.when = { fact: 'age', op: 'contains', value: 3 };
        const result = await call(editor, 'POST', '/v1/admin/rule-sets', { ruleSet, personas: [] });
        expect(result.status).toBe(400);
        expect(result.body.errors.map((e: { field: string }) => e.field)).toEqual(
          expect.arrayContaining(['body.ruleSet.rules.0.id', 'body.ruleSet.rules.1.when.op']),
        );
      });
    });

    describe('users', () => {
      it('lets admins create users with a role, never with a short password', async () => {
        const admin = await api.signIn('admin');
        const weak = await call(admin, 'POST', '/v1/admin/users', {
          email: 'new@example.org',
          password: 'short',
          role: 'editor',
        });
        expect(weak.status).toBe(400);
        const created = await call(admin, 'POST', '/v1/admin/users', {
          email: 'new@example.org',
          password: 'a long enough passphrase',
          role: 'editor',
        });
        expect(created.status).toBe(201);
        expect(created.body.user).not.toHaveProperty('passwordHash');
      });
    });
  });
}
