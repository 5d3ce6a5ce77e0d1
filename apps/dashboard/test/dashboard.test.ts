import AxeBuilder from '@axe-core/playwright';
import { rawData } from '@ankommen/data-karlsruhe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDesk, type Desk } from './harness.js';

let desk: Desk;
beforeAll(async () => {
  desk = await startDesk();
}, 120_000);
afterAll(() => desk?.close());

describe('sign-in', () => {
  it('refuses a wrong password without saying whether the account exists', async () => {
    const page = await desk.page();
    await page.goto(`${desk.url}/offers`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('#email', 'edith@example.org');
    await page.fill('#password', 'wrong password');
    await page.click('button[type="submit"]');
    expect(await page.locator('[role="alert"]').textContent()).toBe(
      'E-Mail oder Passwort ist falsch.',
    );
  });

  it('signs in and out, ending the session on the server', async () => {
    const page = await desk.page('edith@example.org');
    expect(await page.locator('header').textContent()).toContain('edith@example.org (editor)');
    const [cookie] = await page.context().cookies();
    expect(cookie).toMatchObject({
      name: 'ankommen_dashboard',
      httpOnly: true,
      sameSite: 'Strict',
    });
    await page.click('header button');
    expect(new URL(page.url()).pathname).toBe('/login');
    const me = await fetch(`${desk.apiUrl}/v1/admin/me`, {
      headers: { authorization: `Bearer ${cookie!.value}` },
    });
    expect(me.status).toBe(401);
  });

  it('refuses a form posted from another site', async () => {
    const response = await fetch(`${desk.url}/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
      },
      body: 'email=edith%40example.org&password=x',
    });
    expect(response.status).toBe(403);
  });
});

describe('offers', () => {
  it('gives the second of two editors a clear conflict, and loses nothing', async () => {
    const id = desk.partner.offerId;
    const edith = await desk.page('edith@example.org');
    const emil = await desk.page('emil@example.org');
    await edith.goto(`${desk.url}/offers/${id}`);
    await emil.goto(`${desk.url}/offers/${id}`);

    await edith.fill('[name="title.en"]', 'Edith’s title');
    await edith.click('form[action="?/save"] button');
    expect(await edith.locator('[role="status"]').textContent()).toBe('Gespeichert.');

    await emil.fill('[name="title.en"]', 'Emil’s title');
    await emil.click('form[action="?/save"] button');
    expect(await emil.locator('.conflict h2').textContent()).toContain('inzwischen geändert');
    expect(await emil.inputValue('[name="title.en"]')).toBe('Emil’s title');
    expect(await emil.locator('.theirs').nth(1).textContent()).toContain('Edith’s title');

    // Saving again puts Emil's text over the newer version, knowingly.
    await emil.click('form[action="?/save"] button');
    expect(await emil.locator('[role="status"]').textContent()).toBe('Gespeichert.');
    const audit = await fetch(`${desk.apiUrl}/v1/admin/offers/${id}`, {
      headers: { authorization: `Bearer ${(await emil.context().cookies())[0]!.value}` },
    });
    const record = (await audit.json()) as { value: { title: { en: { text: string } } } };
    expect(record.value.title.en.text).toBe('Emil’s title');
  });

  it('shows the API’s field error at the field', async () => {
    const page = await desk.page('edith@example.org');
    await page.goto(`${desk.url}/offers/${desk.partner.offerId}`);
    await page.fill('[name="title.de"]', '');
    await page.click('form[action="?/save"] button');
    expect(await page.getAttribute('[name="title.de"]', 'aria-invalid')).toBe('true');
    expect(await page.locator('#title\\.de-error').count()).toBe(1);
  });

  it('runs a partner’s change through review to the public API', async () => {
    const id = desk.partner.offerId;
    const paul = await desk.page('paul@example.org');
    await paul.goto(`${desk.url}/offers`);
    const listed = await paul.locator('tbody tr').count();
    expect(listed).toBeGreaterThan(0);
    await paul.goto(`${desk.url}/offers/${id}`);
    await paul.fill('[name="title.de"]', 'Neuer Titel vom Partner');
    await paul.click('form[action="?/save"] button');
    await paul.click('button[value="submit"]');
    expect(await paul.locator('[role="status"]').textContent()).toContain('submit');

    const rita = await desk.page('rita@example.org');
    await rita.goto(`${desk.url}/review`);
    await rita.click(`a[href="/offers/${id}"]`);
    await rita.click('button[value="approve"]');
    expect(await rita.locator('[role="status"]').textContent()).toContain('approve');

    const published = await fetch(`${desk.apiUrl}/v1/offers/${id}?lang=de`);
    expect(((await published.json()) as { title: { text: string } }).title.text).toBe(
      'Neuer Titel vom Partner',
    );
  });

  it('keeps partners to their own agency’s offers', async () => {
    const paul = await desk.page('paul@example.org');
    const response = await paul.goto(`${desk.url}/offers/integrationskurs`);
    expect(response?.status()).toBe(404);
    expect(await paul.locator('header nav').textContent()).not.toContain('Protokoll');
  });
});

describe('users and the audit log', () => {
  it('lets an admin create a user, who can then sign in; a short password is refused at its field', async () => {
    const admin = await desk.page('admin@example.org');
    await admin.goto(`${desk.url}/users`);
    await admin.fill('#email', 'neu@example.org');
    await admin.fill('#password', 'short');
    await admin.click('form[action="?/create"] button');
    expect(await admin.getAttribute('#password', 'aria-invalid')).toBe('true');
    expect(await admin.inputValue('#email')).toBe('neu@example.org');

    await admin.fill('#password', 'a long enough test password');
    await admin.selectOption('#role', 'reviewer');
    await admin.click('form[action="?/create"] button');
    expect(await admin.locator('[role="status"]').textContent()).toContain('neu@example.org');
    const newcomer = await desk.page('neu@example.org');
    expect(await newcomer.locator('header').textContent()).toContain('(reviewer)');
  });

  it('ends a deactivated user’s session at once', async () => {
    const emil = await desk.page('emil@example.org');
    const admin = await desk.page('admin@example.org');
    await admin.goto(`${desk.url}/users`);
    await admin.click('button[aria-label="emil@example.org sperren"]');
    await emil.goto(`${desk.url}/offers`);
    expect(new URL(emil.url()).pathname).toBe('/login');
    await admin.click('button[aria-label="emil@example.org freischalten"]');
  });

  it('filters the audit log by person, and names a filter it cannot use', async () => {
    const admin = await desk.page('admin@example.org');
    const me = (await (
      await fetch(`${desk.apiUrl}/v1/admin/me`, {
        headers: { authorization: `Bearer ${(await admin.context().cookies())[0]!.value}` },
      })
    ).json()) as { user: { id: string } };
    await admin.goto(`${desk.url}/audit?userId=${me.user.id}`);
    const people = await admin.locator('tbody td:nth-child(4)').allTextContents();
    expect(people.length).toBeGreaterThan(0);
    expect(new Set(people)).toEqual(new Set([me.user.id]));
    await admin.goto(`${desk.url}/audit?userId=not-an-id`);
    expect(await admin.locator('[role="alert"]').textContent()).toContain('userId');
  });
});

describe('freshness', () => {
  it('lists entries nobody has checked in twelve months, and entries without a source', async () => {
    const rita = await desk.page('rita@example.org');
    await rita.goto(`${desk.url}/freshness?asOf=2026-11-25`);
    const offers = rawData.offers as {
      id: string;
      source?: unknown;
      exampleData?: boolean;
      verifiedAt: string | null;
    }[];
    const unsourced = offers.filter((o) => !o.source && !o.exampleData).map((o) => o.id);
    const shown = await rita
      .locator('#offers-without-source a')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')!.split('/').pop()));
    expect(shown.sort()).toEqual(unsourced.sort());
    const unchecked = offers.filter((o) => !o.verifiedAt || o.verifiedAt < '2025-11-25').length;
    expect(await rita.locator('#offers-unchecked li').count()).toBe(unchecked);
    expect(await rita.locator('#agencies-unchecked li').count()).toBeGreaterThan(0);

    const paul = await desk.page('paul@example.org');
    const response = await paul.goto(`${desk.url}/freshness`);
    expect(response?.status()).toBe(403);
  });
});

describe('accessibility', () => {
  it('has no WCAG 2.1 AA violations on any page type', async () => {
    const page = await desk.page('admin@example.org', { javaScript: true });
    for (const path of [
      '/',
      '/offers',
      `/offers/${desk.partner.offerId}`,
      '/review',
      '/audit',
      '/users',
    ]) {
      await page.goto(`${desk.url}${path}`);
      const result = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      expect(result.violations.map((v) => `${path}: ${v.id}`)).toEqual([]);
    }
    const anonymous = await desk.page(undefined, { javaScript: true });
    await anonymous.goto(`${desk.url}/login`);
    const result = await new AxeBuilder({ page: anonymous })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });
});
