import AxeBuilder from '@axe-core/playwright';
import { rawData } from '@ankommen/data-karlsruhe';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { password, startDesk, type Desk } from './harness.js';

let desk: Desk;
let adminCookie = '';
beforeAll(async () => {
  desk = await startDesk();
  const login = await fetch(`${desk.apiUrl}/v1/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.org', password }),
  });
  adminCookie = login.headers.get('set-cookie')!.split(';')[0]!;
}, 240_000);
afterAll(() => desk?.close());

const p01 = rawData.personas.find((persona) => persona.id === 'p01')!;

const asAdmin = async <T>(path: string): Promise<T> =>
  (await (await fetch(`${desk.apiUrl}${path}`, { headers: { cookie: adminCookie } })).json()) as T;

const auditEntries = async () =>
  (await asAdmin<{ items: { id: number }[] }>('/v1/admin/audit?limit=1000')).items.length;

async function expectAccessible(page: Page, where: string) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(result.violations.map((v) => `${where}: ${v.id}`)).toEqual([]);
}

/** Answers every question on the page as the persona would; what it does not know stays open. */
async function answerAs(page: Page, profile: Record<string, unknown>) {
  for (const question of await page.locator('.question').all()) {
    const field = (await question.getAttribute('data-field'))!;
    const type = await question.getAttribute('data-type');
    const value = profile[field];
    const input = (v: unknown) =>
      question.locator(`input[name="q.${field}"][value="${String(v)}"]`);
    if (value === undefined) {
      if (type === 'multiple_choice' || type === 'integer_list')
        await question.locator('input[name="unknown"]').check();
    } else if (type === 'choice' || type === 'boolean') {
      await input(value).check();
    } else if (type === 'multiple_choice') {
      for (const v of value as string[]) await input(v).check();
    } else if (type === 'integer_list') {
      await question.locator('input[type="text"]').fill((value as number[]).join(', '));
    } else {
      await question.locator(`input[name="q.${field}"]`).fill(String(value));
    }
  }
}

describe('desk mode', () => {
  it('asks in Arabic and German, prints both columns side by side, and keeps nothing', async () => {
    const page = await desk.page('rita@example.org', { javaScript: true });
    const auditBefore = await auditEntries();

    await page.goto(`${desk.url}/desk`);
    await expectAccessible(page, '/desk (language)');
    await page.selectOption('#lang', 'ar');
    await page.click('form[action="?/start"] button');

    // The first page asks only what the engine needs, labelled in German and for the visitor.
    const first = page.locator('.question').first();
    expect(await first.locator('[lang="de"]').first().textContent()).toBeTruthy();
    expect(await page.locator('.question .choice [lang="ar"]').count()).toBeGreaterThan(0);
    await expectAccessible(page, '/desk (questions)');

    // A mistake is named at its field and linked from the summary; the other answers stay.
    const ageInput = page.locator('input[name="q.age"]');
    if ((await ageInput.count()) > 0) {
      await answerAs(page, p01.profile);
      await ageInput.fill('vierunddreißig');
      await page.click('form[action="?/answer"] button[type="submit"]');
      expect(await page.locator('[role="alert"] a[href="#q-age"]').count()).toBe(1);
      expect(await ageInput.getAttribute('aria-invalid')).toBe('true');
      await expectAccessible(page, '/desk (questions with an error)');
    }

    let result: Awaited<ReturnType<Page['waitForResponse']>> | undefined;
    for (let round = 0; round < 8 && (await page.locator('.columns').count()) === 0; round++) {
      await answerAs(page, p01.profile);
      const response = page.waitForResponse(
        (r) => r.request().method() === 'POST' && r.url().includes('/desk'),
      );
      await page.click('form[action="?/answer"] button[type="submit"]');
      result = await response;
    }
    expect(result?.headers()['cache-control']).toContain('no-store');

    const arabic = page.locator('[data-column="ar"]');
    const german = page.locator('[data-column="de"]');
    expect(await arabic.getAttribute('dir')).toBe('rtl');
    expect(await arabic.getAttribute('lang')).toBe('ar');
    expect(await german.getAttribute('lang')).toBe('de');
    for (const target of p01.expected.must_include) {
      expect(await arabic.locator(`[data-target="${target}"]`).count(), target).toBe(1);
      expect(await german.locator(`[data-target="${target}"]`).count(), target).toBe(1);
    }
    for (const target of p01.expected.must_not_include)
      expect(await german.locator(`[data-target="${target}"]`).count(), target).toBe(0);
    // The office's address comes from the API, as published.
    expect(await german.locator('dd[lang="de"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-print]').isVisible()).toBe(true);
    await expectAccessible(page, '/desk (result)');

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header').isVisible()).toBe(false);
    expect(await page.locator('[data-print]').isVisible()).toBe(false);
    const left = (await arabic.boundingBox())!;
    const right = (await german.boundingBox())!;
    expect(Math.abs(left.y - right.y)).toBeLessThan(2);
    expect(left.x + left.width).toBeLessThanOrEqual(right.x);
    const pdf = await page.pdf({ format: 'A4', landscape: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });

    // Nothing about the visitor reached the audit log, the counts, or a cookie.
    expect(await auditEntries()).toBe(auditBefore);
    const insights = JSON.stringify(await asAdmin('/v1/admin/insights'));
    expect(insights).not.toContain(p01.profile.municipality);
    expect((await page.context().cookies()).map((c) => c.name)).toEqual(['ankommen_dashboard']);

    await page.click('form[action="/desk"] button');
    await page.locator('#lang').waitFor();
    expect(new URL(page.url()).search).toBe('');
    expect(await page.locator('input[name="answers"]').count()).toBe(0);
    // A whole consultation in a browser, with four accessibility checks and a PDF.
  }, 240_000);

  it('is not for partners', async () => {
    const page = await desk.page('paul@example.org');
    const response = await page.goto(`${desk.url}/desk`);
    expect(response?.status()).toBe(403);
  });
});

describe('planning', () => {
  // k20 is a persona the engine asks nothing more about; only its needs change here.
  const k20 = rawData.personas.find((persona) => persona.id === 'k20')!;
  const complete = (needs: string[]) => ({ ...k20.profile, needs });

  it('shows a count of five and hides each of one to four, in every table', async () => {
    const plan = async (needs: string[]) => {
      const response = await fetch(`${desk.apiUrl}/v1/route`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ profile: complete(needs), lang: 'en' }),
      });
      expect(((await response.json()) as { missing: string[] }).missing).toEqual([]);
    };
    // n plans, topic searches and empty searches for the n-th of five: counts 1, 2, 3, 4, 5.
    const needs = ['school', 'health', 'housing', 'language', 'money'];
    const topics = ['education', 'counselling', 'leisure', 'housing', 'work'];
    const searches = ['qqzz eins', 'qqzz zwei', 'qqzz drei', 'qqzz vier', 'qqzz fuenf'];
    for (let n = 1; n <= 5; n++) {
      for (let i = 0; i < n; i++) {
        await plan([needs[n - 1]!]);
        await fetch(`${desk.apiUrl}/v1/offers?topic=${topics[n - 1]}&lang=en`);
        await fetch(`${desk.apiUrl}/v1/offers?q=${encodeURIComponent(searches[n - 1]!)}&lang=en`);
      }
    }

    const page = await desk.page('edith@example.org', { javaScript: true });
    await page.goto(`${desk.url}/planning?from=2026-11&to=2026-11`);
    const cell = (need: string) =>
      page.locator(`[data-table="completions"] tr[data-need="${need}"] td[data-lang="en"]`);
    const topic = (code: string) =>
      page.locator(`[data-table="topics"] tr[data-topic="${code}"] td`);
    const emptySearches = page.locator('[data-table="empty-searches"]');
    for (let n = 1; n <= 4; n++) {
      expect(await cell(needs[n - 1]!).textContent(), `need counted ${n}×`).toBe('< 5');
      expect(await topic(topics[n - 1]!).textContent(), `topic counted ${n}×`).toBe('< 5');
      expect(await emptySearches.textContent()).not.toContain(searches[n - 1]);
    }
    expect(await cell('money').textContent()).toBe('5');
    expect(await topic('work').textContent()).toBe('5');
    expect(await emptySearches.locator('tbody tr').allTextContents()).toEqual([
      'qqzz fuenfEnglisch5',
    ]);
    expect(await page.locator('[data-table="completions"] caption').textContent()).toContain(
      'Anliegen',
    );
    await expectAccessible(page, '/planning');

    await page.goto(`${desk.url}/planning?from=2026-12&to=2026-11`);
    expect(await page.locator('#from').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('[role="alert"]').textContent()).toContain('Von');
    await expectAccessible(page, '/planning (invalid period)');
  });
});
