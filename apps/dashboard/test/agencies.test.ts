import AxeBuilder from '@axe-core/playwright';
import { rawData } from '@ankommen/data-karlsruhe';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDesk, type Desk } from './harness.js';

let desk: Desk;
beforeAll(async () => {
  desk = await startDesk();
}, 120_000);
afterAll(() => desk?.close());

const agencies = rawData.agencies as {
  id: string;
  name: { de: { text: string }; en?: { text: string } };
  verifiedAt: string | null;
  locations: { openingHours?: { osm?: string } }[];
}[];
/** A seeded agency with machine-readable hours: `Mo-Fr 08:30-12:30, Th 14:00-17:00; PH off`. */
const office = agencies.find((a) => a.locations[0]?.openingHours?.osm?.includes('PH off'))!;
// Wed 23 Dec 2026, 10:00 in Karlsruhe: the next seven days hold Christmas (25 and 26 Dec).
const beforeChristmas = '2026-12-23T09:00:00Z';

const tokenOf = async (page: Page) => (await page.context().cookies())[0]!.value;
const asStaff = async (page: Page, path: string) =>
  (await (
    await fetch(`${desk.apiUrl}${path}`, {
      headers: { authorization: `Bearer ${await tokenOf(page)}` },
    })
  ).json()) as any;
const hoursField = '[id="locations.0.openingHours.osm"]';
const preview = '[id="locations.0.preview"]';

async function noViolations(page: Page, path: string) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(result.violations.map((v) => `${path}: ${v.id}`)).toEqual([]);
}

describe('agencies', () => {
  it('lists agencies with their status, searched by name and filtered by status', async () => {
    const page = await desk.page('edith@example.org');
    await page.goto(`${desk.url}/agencies`);
    expect(await page.locator('tbody tr').count()).toBe(agencies.length);
    const word = office.name.de.text.split(' ')[0]!;
    await page.fill('#q', word.toUpperCase());
    await page.click('form[role="search"] button');
    const names = await page.locator('tbody td:first-child').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    expect(names.length).toBeLessThan(agencies.length);
    for (const name of names) expect(name.toLowerCase()).toContain(word.toLowerCase());
    await page.goto(`${desk.url}/agencies?status=draft`);
    expect(await page.locator('tbody tr').count()).toBe(0);

    const paul = await desk.page('paul@example.org');
    expect((await paul.goto(`${desk.url}/agencies`))?.status()).toBe(403);
    expect((await paul.goto(`${desk.url}/agencies/${office.id}`))?.status()).toBe(403);
  });

  it('shows a wrong field at the field, keeps the text, and publishes a valid edit', async () => {
    const page = await desk.page('edith@example.org');
    await page.goto(`${desk.url}/agencies/${office.id}`);
    await page.fill('[id="name.en"]', 'Citizens’ Office West');
    await page.fill('[id="contact.email"]', 'not an address');
    await page.click('#save');
    expect(await page.getAttribute('[id="contact.email"]', 'aria-invalid')).toBe('true');
    expect(await page.locator('[id="contact.email-error"]').count()).toBe(1);
    expect(await page.inputValue('[id="name.en"]')).toBe('Citizens’ Office West');
    expect(await page.inputValue('[id="contact.email"]')).toBe('not an address');

    await page.fill('[id="contact.email"]', '');
    await page.click('#save');
    expect(await page.locator('[role="status"]').textContent()).toBe('Gespeichert.');
    await page.click('button[value="publish"]');
    expect(await page.locator('[role="status"]').textContent()).toContain('veröffentlicht');
    const published = await fetch(`${desk.apiUrl}/v1/agencies/${office.id}?lang=en`);
    expect(((await published.json()) as { name: { text: string } }).name.text).toBe(
      'Citizens’ Office West',
    );
  });

  it('keeps the typed values when another editor saved first', async () => {
    const edith = await desk.page('edith@example.org');
    const emil = await desk.page('emil@example.org');
    await edith.goto(`${desk.url}/agencies/${office.id}`);
    await emil.goto(`${desk.url}/agencies/${office.id}`);
    await edith.fill('[id="summary.en"]', 'Edith’s summary');
    await edith.click('#save');
    await emil.fill('[id="summary.en"]', 'Emil’s summary');
    await emil.click('#save');
    expect(await emil.locator('.conflict h2').textContent()).toContain('inzwischen geändert');
    expect(await emil.inputValue('[id="summary.en"]')).toBe('Emil’s summary');
    await emil.click('#save');
    expect(await emil.locator('[role="status"]').textContent()).toBe('Gespeichert.');
    const record = await asStaff(emil, `/v1/admin/agencies/${office.id}`);
    expect(record.value.summary.en.text).toBe('Emil’s summary');
  });

  it('creates a new agency as a draft, and names a taken id at its field', async () => {
    const page = await desk.page('edith@example.org');
    await page.goto(`${desk.url}/agencies`);
    await page.fill('#new-id', office.id);
    await page.fill('#new-name', 'Doppelt');
    await page.fill('#new-source', 'https://www.karlsruhe.de/');
    await page.click('form[action="?/create"] button');
    expect(await page.getAttribute('#new-id', 'aria-invalid')).toBe('true');
    expect(await page.inputValue('#new-name')).toBe('Doppelt');

    await page.fill('#new-id', 'beispiel-beratung');
    await page.click('form[action="?/create"] button');
    expect(new URL(page.url()).pathname).toBe('/agencies/beispiel-beratung');
    expect(await page.locator('main').textContent()).toContain('Entwurf');
  });
});

describe('opening hours', () => {
  it('previews typed hours without saving: the parser’s error at the field, open now, seven days with holidays', async () => {
    const page = await desk.page('edith@example.org');
    await page.goto(`${desk.url}/agencies/${office.id}?asOf=${beforeChristmas}`);
    // Wed 10:00, within Mo-Fr 08:30-12:30.
    expect(await page.locator(`${preview} [data-state]`).getAttribute('data-state')).toBe('open');
    expect(await page.locator(`${preview} tbody tr`).count()).toBe(7);
    const christmas = await page.locator(`${preview} tr[data-date="2026-12-25"]`).textContent();
    expect(christmas).toContain('Freitag, 25. Dezember');
    expect(christmas).toContain('Feiertag: geschlossen');
    expect(await page.locator(`${preview} tr[data-date="2026-12-24"]`).textContent()).toContain(
      '08:30–12:30, 14:00–17:00 Uhr',
    );

    await page.fill(hoursField, 'Mo-Fx 08:00-12:00');
    await page.click('button:has-text("Vorschau")');
    expect(await page.inputValue(hoursField)).toBe('Mo-Fx 08:00-12:00');
    expect(await page.getAttribute(hoursField, 'aria-invalid')).toBe('true');
    expect(await page.getAttribute(hoursField, 'aria-describedby')).toContain(
      'locations.0.preview',
    );
    expect(await page.locator(`${preview} .error`).textContent()).toContain(
      'Ungültige Öffnungszeiten',
    );

    await page.fill(hoursField, 'Mo-Sa 14:00-16:00; PH off');
    await page.click('button:has-text("Vorschau")');
    expect(await page.locator(`${preview} [data-state]`).getAttribute('data-state')).toBe('closed');
    expect(await page.locator(preview).textContent()).toContain(
      'nächste Öffnung: Mittwoch, 23. Dezember, 14:00 Uhr',
    );
    expect(await page.locator(`${preview} tr[data-date="2026-12-26"]`).textContent()).toContain(
      'Feiertag: geschlossen',
    );
    expect(await page.locator(`${preview} tr[data-date="2026-12-28"]`).textContent()).toContain(
      '14:00–16:00 Uhr',
    );

    // Nothing was saved.
    const record = await asStaff(page, `/v1/admin/agencies/${office.id}`);
    expect(record.value.locations[0].openingHours.osm).toBe(office.locations[0]!.openingHours!.osm);

    // Saving invalid hours: the API's error at the field, the text kept.
    await page.fill(hoursField, 'Mo-Fx 08:00-12:00');
    await page.click('#save');
    expect(await page.locator('[id="locations.0.openingHours.osm-error"]').count()).toBe(1);
    expect(await page.inputValue(hoursField)).toBe('Mo-Fx 08:00-12:00');
  });

  it('updates the preview while typing, with JavaScript', async () => {
    const page = await desk.page('edith@example.org', { javaScript: true });
    await page.goto(`${desk.url}/agencies/${office.id}?asOf=2027-01-05T09:00:00Z`);
    expect(await page.getAttribute(preview, 'aria-live')).toBe('polite');
    expect(await page.locator(`${preview} [data-state]`).getAttribute('data-state')).toBe('open');
    await page.fill(hoursField, 'Mo-Fr 14:00-16:00; PH off');
    await page.waitForSelector(`${preview} [data-state="closed"]`);
    // Epiphany (6 Jan) is a public holiday in Baden-Württemberg.
    expect(await page.locator(`${preview} tr[data-date="2027-01-06"]`).textContent()).toContain(
      'Feiertag: geschlossen',
    );
    await page.fill(hoursField, 'Mo-Fx');
    await page.waitForSelector(`${preview} .error`);
    expect(await page.getAttribute(hoursField, 'aria-invalid')).toBe('true');
    expect(new URL(page.url()).search).toBe('?asOf=2027-01-05T09:00:00Z');
  });
});

describe('last checked', () => {
  it('confirms an agency today: the freshness view drops it, the audit log has who and when', async () => {
    const unchecked = agencies.find((a) => a.id !== office.id && !a.verifiedAt)!;
    const page = await desk.page('edith@example.org');
    await page.goto(`${desk.url}/freshness?asOf=2026-11-25`);
    const listed = `#agencies-unchecked a[href="/agencies/${unchecked.id}"]`;
    expect(await page.locator(listed).count()).toBe(1);

    await page.click(listed);
    await page.goto(`${page.url()}?asOf=2026-11-25`);
    await page.click('#check');
    expect(await page.locator('[role="status"]').textContent()).toBe('Als geprüft vermerkt.');
    expect(await page.locator('#last-check').textContent()).toMatch(
      /2026-11-25\s+von edith@example\.org/,
    );
    await page.goto(`${desk.url}/freshness?asOf=2026-11-25`);
    expect(await page.locator(listed).count()).toBe(0);

    const me = await asStaff(page, '/v1/admin/me');
    const audit = await asStaff(page, `/v1/admin/audit?entityType=agency&entityId=${unchecked.id}`);
    const change = audit.items.find(
      (e: { action: string; after: { value: { verifiedAt: string | null } } }) =>
        e.action === 'update' && e.after.value.verifiedAt === '2026-11-25',
    );
    expect(change.userId).toBe(me.user.id);
    expect(change.before.value.verifiedAt).toBeNull();
    // Only the date changed, so the record is public again at once.
    const record = await asStaff(page, `/v1/admin/agencies/${unchecked.id}`);
    expect(record.status).toBe('published');
  });

  it('confirms an offer the same way', async () => {
    const offers = rawData.offers as { id: string; verifiedAt: string | null; source?: unknown }[];
    const offer = offers.find((o) => o.source && !o.verifiedAt && o.id !== desk.partner.offerId)!;
    const page = await desk.page('emil@example.org');
    await page.goto(`${desk.url}/offers/${offer.id}?asOf=2026-11-25`);
    await page.click('#check');
    expect(await page.locator('#last-check').textContent()).toContain('emil@example.org');
    await page.goto(`${desk.url}/freshness?asOf=2026-11-25`);
    expect(await page.locator(`#offers-unchecked a[href="/offers/${offer.id}"]`).count()).toBe(0);
  });
});

describe('review', () => {
  it('shows the diff, and rejects with a comment the partner reads', async () => {
    const id = desk.partner.offerId;
    const paul = await desk.page('paul@example.org');
    await paul.goto(`${desk.url}/offers/${id}`);
    const before = await paul.inputValue('[name="title.de"]');
    await paul.fill('[name="title.de"]', 'Beratung für Neuangekommene');
    await paul.fill('[name="title.en"]', 'Advice for newcomers');
    await paul.click('form[action="?/save"] button');
    await paul.click('button[value="submit"]');

    const rita = await desk.page('rita@example.org');
    await rita.goto(`${desk.url}/review`);
    const submission = rita.locator(`section[data-id="${id}"]`);
    const title = await submission.locator('tr[data-path="title.de.text"]').textContent();
    expect(title).toContain(before);
    expect(title).toContain('Beratung für Neuangekommene');
    expect(await submission.locator('tr[data-path="title.en.text"]').textContent()).toContain(
      'Advice for newcomers',
    );

    // A rejection needs a reason, asked for at the comment field.
    await submission.locator('button[value="reject"]').click();
    expect(await rita.getAttribute(`[id="${id}-comment"]`, 'aria-invalid')).toBe('true');
    await rita.fill(`[id="${id}-comment"]`, 'Bitte den Titel wie auf der Website des Trägers.');
    await rita.locator(`section[data-id="${id}"] button[value="reject"]`).click();
    expect(await rita.locator('[role="status"]').textContent()).toContain('Zurückgewiesen');

    await paul.goto(`${desk.url}/offers/${id}`);
    const notice = await paul.locator('#last-review').textContent();
    expect(notice).toContain('zurückgewiesen');
    expect(notice).toContain('Bitte den Titel wie auf der Website des Trägers.');
    expect(notice).not.toContain('rita@example.org');
  });

  it('approves the resubmission, which the public API then shows', async () => {
    const id = desk.partner.offerId;
    const paul = await desk.page('paul@example.org');
    await paul.goto(`${desk.url}/offers/${id}`);
    await paul.fill('[name="title.de"]', 'Migrationsberatung für Erwachsene');
    await paul.click('form[action="?/save"] button');
    await paul.click('button[value="submit"]');

    // The review page with a diff, while the resubmission waits.
    const admin = await desk.page('admin@example.org', { javaScript: true });
    await admin.goto(`${desk.url}/review`);
    expect(await admin.locator(`section[data-id="${id}"] .diff tbody tr`).count()).toBeGreaterThan(
      0,
    );
    await noViolations(admin, '/review');

    const rita = await desk.page('rita@example.org');
    await rita.goto(`${desk.url}/review`);
    await rita.fill(`[id="${id}-comment"]`, 'Danke!');
    await rita.locator(`section[data-id="${id}"] button[value="approve"]`).click();
    expect(await rita.locator('[role="status"]').textContent()).toContain('Freigegeben');
    const published = await fetch(`${desk.apiUrl}/v1/offers/${id}?lang=de`);
    expect(((await published.json()) as { title: { text: string } }).title.text).toBe(
      'Migrationsberatung für Erwachsene',
    );
    await paul.goto(`${desk.url}/offers/${id}`);
    expect(await paul.locator('#last-review').textContent()).toContain('freigegeben');
  });
});

describe('accessibility', () => {
  it('has no WCAG 2.1 AA violations on the agency list and on an agency with its preview', async () => {
    const admin = await desk.page('admin@example.org', { javaScript: true });
    for (const path of ['/agencies', `/agencies/${office.id}?asOf=${beforeChristmas}`]) {
      await admin.goto(`${desk.url}${path}`);
      await noViolations(admin, path);
    }
  });
});

describe('users', () => {
  it('lets an admin make an editor a reviewer, which ends that person’s sessions', async () => {
    const emil = await desk.page('emil@example.org');
    const admin = await desk.page('admin@example.org');
    await admin.goto(`${desk.url}/users`);
    const row = admin.locator('form[data-user="emil@example.org"]');
    await admin.locator('tr', { has: row }).locator('summary').click();
    await row.locator('select[name="role"]').selectOption('reviewer');
    await row.locator('button').click();
    expect(await admin.locator('[role="status"]').textContent()).toContain('Sitzungen');

    await emil.goto(`${desk.url}/offers`);
    expect(new URL(emil.url()).pathname).toBe('/login');
    const again = await desk.page('emil@example.org');
    expect(await again.locator('header').textContent()).toContain('(reviewer)');
  });
});
