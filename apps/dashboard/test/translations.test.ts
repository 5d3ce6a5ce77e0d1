import AxeBuilder from '@axe-core/playwright';
import { rawData } from '@ankommen/data-karlsruhe';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDesk, type Desk } from './harness.js';

let desk: Desk;
beforeAll(async () => {
  desk = await startDesk();
}, 240_000);
afterAll(() => desk?.close());

/** Offers of the seed with a German and an English title and a summary, one per test. */
const offers = (
  rawData.offers as { id: string; title: Record<string, unknown>; summary?: unknown }[]
)
  .filter((offer) => offer.title['en'] && offer.summary)
  .map((offer) => offer.id);
const [outdatedOffer, sideBySideOffer, xliffOffer] = offers as [string, string, string];

/** The number at the start of a coverage cell ("12 (3,4 %)"). */
async function coverageCount(page: Page, lang: string, status: string): Promise<number> {
  await page.goto(`${desk.url}/translations`);
  const cell = await page
    .locator(`tr[data-lang="${lang}"] td[data-status="${status}"]`)
    .textContent();
  return Number.parseInt(cell!.trim(), 10);
}

async function changeGermanTitle(page: Page, id: string, title: string) {
  await page.goto(`${desk.url}/offers/${id}`);
  await page.fill('[name="title.de"]', title);
  await page.click('form[action="?/save"] button');
  expect(await page.locator('[role="status"]').textContent()).toBe('Gespeichert.');
}

async function apiRecord(page: Page, id: string) {
  const token = (await page.context().cookies())[0]!.value;
  const response = await fetch(`${desk.apiUrl}/v1/admin/offers/${id}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return (await response.json()) as {
    value: {
      title: Record<string, { text: string; status: string }>;
      summary: Record<string, { text: string; status: string }>;
    };
  };
}

const badge = (page: Page, field: string) =>
  page.locator(`fieldset[data-field="${field}"] legend .badge`).textContent();

describe('translation status', () => {
  it('marks a translation out of date when an editor changes the German text', async () => {
    const edith = await desk.page('edith@example.org');
    await edith.goto(`${desk.url}/translations/en/offer/${outdatedOffer}`);
    await edith.fill('[name="text:title"]', 'A title checked by Edith');
    await edith.click('form[action="?/save"] button');
    expect(await edith.locator('[role="status"]').textContent()).toContain('Gespeichert: Titel');
    expect(await badge(edith, 'title')).toBe('geprüft');

    const outdatedBefore = await coverageCount(edith, 'en', 'outdated');
    const reviewedBefore = await coverageCount(edith, 'en', 'reviewed');
    await changeGermanTitle(edith, outdatedOffer, 'Ein geänderter deutscher Titel');

    await edith.goto(`${desk.url}/translations/en?status=outdated&entityType=offer`);
    const row = edith.locator(`tr[data-entity="offer:${outdatedOffer}"][data-field="title"]`);
    expect(await row.locator('.badge').textContent()).toBe('veraltet');
    expect(await row.locator('td[lang="de"]').textContent()).toBe('Ein geänderter deutscher Titel');
    expect(await coverageCount(edith, 'en', 'outdated')).toBe(outdatedBefore + 1);
    expect(await coverageCount(edith, 'en', 'reviewed')).toBe(reviewedBefore - 1);
  });
});

describe('side-by-side editing', () => {
  it('shows German beside an Arabic field written right to left, saves it as reviewed, and keeps typed text on a conflict', async () => {
    const edith = await desk.page('edith@example.org');
    const emil = await desk.page('emil@example.org');
    const path = `${desk.url}/translations/ar/offer/${sideBySideOffer}`;
    await edith.goto(path);
    await emil.goto(path);

    const target = edith.locator('[name="text:title"]');
    expect(await target.getAttribute('dir')).toBe('rtl');
    expect(await target.getAttribute('lang')).toBe('ar');
    expect(await edith.locator('fieldset[data-field="title"] p[lang="de"]').textContent()).toBe(
      (rawData.offers.find((o) => o.id === sideBySideOffer) as { title: { de: { text: string } } })
        .title.de.text,
    );
    expect(await badge(edith, 'title')).toBe('fehlt');

    await edith.fill('[name="text:title"]', 'عنوان كتبته إديث');
    await edith.click('form[action="?/save"] button');
    expect(await edith.locator('[role="status"]').textContent()).toContain('Gespeichert: Titel');
    expect(await badge(edith, 'title')).toBe('geprüft');
    expect((await apiRecord(edith, sideBySideOffer)).value.title['ar']).toEqual({
      text: 'عنوان كتبته إديث',
      status: 'reviewed',
    });

    await emil.fill('[name="text:title"]', 'عنوان إميل');
    await emil.click('form[action="?/save"] button');
    expect(await emil.locator('.conflict h2').textContent()).toContain('inzwischen geändert');
    expect(await emil.inputValue('[name="text:title"]')).toBe('عنوان إميل');
    expect(await emil.locator('fieldset[data-field="title"] .theirs').textContent()).toContain(
      'عنوان كتبته إديث',
    );
  });
});

describe('XLIFF exchange', () => {
  it('exports Arabic, imports the filled file, publishes it, and rejects the same file once the German changed', async () => {
    const edith = await desk.page('edith@example.org');
    await edith.goto(`${desk.url}/translations/ar/offer/${xliffOffer}`);
    const [download] = await Promise.all([
      edith.waitForEvent('download'),
      edith.click('a:has-text("Als XLIFF herunterladen")'),
    ]);
    expect(download.suggestedFilename()).toBe(`ankommen-offer-${xliffOffer}-ar.xlf`);
    const exported = await readFile((await download.path())!, 'utf8');
    expect(exported).toContain(`<file id="offer:${xliffOffer}">`);
    expect(exported).toMatch(/<note category="source-hash">[0-9a-f]{64}<\/note>/);

    // The translator's work: a checked title (final) and a summary from a machine (translated).
    const arabicTitle = 'مقهى اللغة & لقاء <للجميع>';
    const filled = exported
      .replace(
        /(<unit id="title"[\s\S]*?<segment) state="initial">([\s\S]*?<\/source>)/,
        '$1 state="final">$2<target>مقهى اللغة &amp; لقاء &lt;للجميع&gt;</target>',
      )
      .replace(
        /(<unit id="summary"[\s\S]*?<segment) state="initial">([\s\S]*?<\/source>)/,
        '$1 state="translated">$2<target>ملخص من الآلة</target>',
      );
    const upload = async () => {
      await edith.goto(`${desk.url}/translations/import`);
      await edith.setInputFiles('#file', {
        name: 'ar.xlf',
        mimeType: 'application/xliff+xml',
        buffer: Buffer.from(filled),
      });
      await edith.click('form[enctype="multipart/form-data"] button');
    };
    await upload();
    expect(await edith.locator('#report [role="status"]').textContent()).toContain(
      '2 übernommen, 0 abgelehnt',
    );
    expect(await edith.locator('#applied tbody tr').allTextContents()).toEqual([
      expect.stringContaining('geprüft'),
      expect.stringContaining('maschinell'),
    ]);

    // The import made the published offer a draft, as any edit does: the public sees it once published.
    await edith.goto(`${desk.url}/offers/${xliffOffer}`);
    await edith.click('button[value="publish"]');
    const published = await fetch(`${desk.apiUrl}/v1/offers/${xliffOffer}?lang=ar`);
    const body = (await published.json()) as { title: { text: string }; summary: { text: string } };
    expect(body.title.text).toBe(arabicTitle);
    expect(body.summary.text).toBe('ملخص من الآلة');

    // A person confirms the machine summary without changing it.
    await edith.goto(`${desk.url}/translations/ar/offer/${xliffOffer}`);
    expect(await badge(edith, 'summary')).toBe('maschinell');
    await edith.check('fieldset[data-field="summary"] input[type="checkbox"]');
    await edith.click('form[action="?/save"] button');
    expect(await badge(edith, 'summary')).toBe('geprüft');
    expect((await apiRecord(edith, xliffOffer)).value.summary['ar']!.text).toBe('ملخص من الآلة');

    await changeGermanTitle(edith, xliffOffer, 'Sprachcafé mit neuem Titel');
    await upload();
    expect(await edith.locator('#report [role="status"]').textContent()).toContain(
      '0 übernommen, 1 abgelehnt',
    );
    const rejected = edith.locator('#rejected tbody tr');
    expect(await rejected.getAttribute('data-reason')).toBe('stale-source');
    expect(await rejected.textContent()).toContain(
      'Der deutsche Text wurde seit dem Export geändert',
    );
    expect((await apiRecord(edith, xliffOffer)).value.title['ar']).toEqual({
      text: arabicTitle,
      status: 'outdated',
    });
  });

  it('names what is wrong with a file that is not XLIFF, at the file field', async () => {
    const edith = await desk.page('edith@example.org');
    await edith.goto(`${desk.url}/translations/import`);
    await edith.setInputFiles('#file', {
      name: 'broken.xlf',
      mimeType: 'application/xliff+xml',
      buffer: Buffer.from('<xliff><file></xliff>'),
    });
    await edith.click('form[enctype="multipart/form-data"] button');
    expect(await edith.getAttribute('#file', 'aria-invalid')).toBe('true');
    expect(await edith.locator('#file-error').textContent()).toContain('not well-formed XML');
  });

  it('keeps the import from reviewers, who may still read and export', async () => {
    const rita = await desk.page('rita@example.org');
    expect((await rita.goto(`${desk.url}/translations/import`))?.status()).toBe(403);
    expect((await rita.goto(`${desk.url}/translations/ar`))?.status()).toBe(200);
    const paul = await desk.page('paul@example.org');
    expect((await paul.goto(`${desk.url}/translations`))?.status()).toBe(403);
  });
});

describe('accessibility', () => {
  it('has no WCAG 2.1 AA violations on the translation pages, the import report included', async () => {
    const page = await desk.page('admin@example.org', { javaScript: true });
    const check = async (label: string) => {
      const result = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      expect(result.violations.map((v) => `${label}: ${v.id}`)).toEqual([]);
    };
    for (const path of [
      '/translations',
      '/translations/ar?status=missing',
      `/translations/fa/offer/${sideBySideOffer}`,
      '/translations/import',
    ]) {
      await page.goto(`${desk.url}${path}`);
      await check(path);
    }
    await page.setInputFiles('#file', {
      name: 'empty.xlf',
      mimeType: 'application/xliff+xml',
      buffer: Buffer.from(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="fa"><file id="offer:none"><unit id="title"><segment><source>x</source><target>y</target></segment></unit></file></xliff>',
      ),
    });
    await page.click('form[enctype="multipart/form-data"] button');
    expect(await page.locator('#rejected tbody tr').count()).toBe(1);
    await check('import report');
  }, 240_000);
});
