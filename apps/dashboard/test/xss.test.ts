import { rawData } from '@ankommen/data-karlsruhe';
import { freePort, startReady } from '@ankommen/sveltekit-config/process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDesk, type Desk } from './harness.js';

/**
 * Stored cross-site scripting: payloads typed into the dashboard's real forms (HTTP POSTs with
 * the session and the same-origin check, as a browser sends them), published, then shown by the
 * public site and the dashboard in Chromium with JavaScript on. Every payload must stay text:
 * no dialog, no `window.__xss`, no element or attribute it brought, and its text on the page.
 * The pages' CSP would stop an inline script on its own, so the DOM checks are what can fail.
 */
const payloads = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '<svg onload="window.__xss=1">',
  '<svg><script>window.__xss=1</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '" onmouseover="window.__xss=1" x="',
  "' autofocus onfocus='window.__xss=1",
  'javascript:window.__xss=1',
  '<a href="javascript:window.__xss=1">klick</a>',
  '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  '<body onload=alert(1)>',
  '<details open ontoggle="window.__xss=1">',
  '<input autofocus onfocus=alert(1)>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="data:text/html,<script>alert(1)</script>">',
  "{{constructor.constructor('window.__xss=1')()}}",
  '${window.__xss=1}',
  '#{7*7} {{7*7}} <%= 7*7 %>',
  '\\u003cscript\\u003ewindow.__xss=1\\u003c/script\\u003e',
  '&lt;script&gt;window.__xss=1&lt;/script&gt;',
  '%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E',
  '<scr<script>ipt>window.__xss=1</scr</script>ipt>',
  '</textarea><script>window.__xss=1</script>',
  '</title><script>window.__xss=1</script>',
  '</script><script>window.__xss=1</script>',
  '<style>*{background:url("javascript:alert(1)")}</style>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '\u202e<img src=x onerror=alert(1)>\u200f',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
];
/** A word in every stored title, for the search pages. */
const marker = 'Xssprobe';
const offerFields = ['title.de', 'title.en', 'summary.de', 'summary.en'] as const;
const agencyFields = ['name.de', 'name.en', 'summary.de', 'summary.en'] as const;
/** A persona whose Wegweiser leads to agencies: their stored names show in the guide. */
const guided = (
  rawData.personas as unknown as {
    id: string;
    profile: Record<string, unknown>;
    expected: { must_include: string[] };
  }[]
).find((p) => p.id === 'p01')!;
const webServer = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'server.js');

let desk: Desk;
let site: { url: string; kill(): void };
let edith: Page;
const offers: { id: string; texts: Record<string, string> }[] = [];
const agencies: { id: string; texts: Record<string, string> }[] = [];

beforeAll(async () => {
  // The site is no dependency of the dashboard, so turbo does not build it before this test.
  if (!existsSync(join(dirname(webServer), 'build', 'handler.js')))
    throw new Error('apps/web is not built: run `npm run build` first');
  desk = await startDesk();
  const port = await freePort();
  const web = await startReady(webServer, {
    WEB_PORT: String(port),
    WEB_HOST: '127.0.0.1',
    API_URL: desk.apiUrl,
  });
  site = { url: `http://127.0.0.1:${port}`, kill: () => web.kill() };
  edith = await desk.page('edith@example.org', { javaScript: true });
}, 120_000);
afterAll(async () => {
  site?.kill();
  await desk?.close();
});

const tokenOf = async (page: Page) =>
  (await page.context().cookies()).find((cookie) => cookie.name !== '')!.value;
const staffGet = async (page: Page, path: string) =>
  (await (
    await fetch(`${desk.apiUrl}${path}`, {
      headers: { authorization: `Bearer ${await tokenOf(page)}` },
    })
  ).json()) as any;

/** The form on a dashboard page as the browser would send it, with some fields changed. */
async function post(page: Page, path: string, action: string, changes: Record<string, string>) {
  await page.goto(`${desk.url}${path}`);
  const form: Record<string, string> = await page.evaluate((name) => {
    const element = document.querySelector(`form[action="?/${name}"]`) as HTMLFormElement;
    return Object.fromEntries(
      [...new FormData(element)].map(([key, value]) => [key, String(value)]),
    );
  }, action);
  return page.request.post(`${desk.url}${path}?/${action}`, {
    headers: { origin: desk.url, accept: 'text/html' },
    form: { ...form, ...changes },
  });
}

async function store(kind: 'offers' | 'agencies', id: string, texts: Record<string, string>) {
  const saved = await post(edith, `/${kind}/${id}`, 'save', texts);
  expect(saved.status(), await saved.text()).toBe(200);
  const { version } = await staffGet(edith, `/v1/admin/${kind}/${id}`);
  const published = await edith.request.post(`${desk.url}/${kind}/${id}?/workflow`, {
    headers: { origin: desk.url, accept: 'text/html' },
    form: { step: 'publish', version: String(version) },
  });
  expect(published.status()).toBe(200);
}

/** Whatever a payload could have brought into the page, described; empty when it stayed text. */
async function injected(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    if ((window as { __xss?: unknown }).__xss !== undefined) found.push('window.__xss was set');
    const url = /^\s*(javascript|data|vbscript):/i;
    for (const element of document.querySelectorAll('*')) {
      const tag = element.tagName.toLowerCase();
      for (const attribute of element.attributes) {
        if (/^on/i.test(attribute.name)) found.push(`<${tag} ${attribute.name}>`);
        if (['href', 'src', 'action', 'formaction', 'data', 'srcdoc'].includes(attribute.name)) {
          if (url.test(attribute.value) || attribute.name === 'srcdoc')
            found.push(`<${tag} ${attribute.name}="${attribute.value}">`);
        }
      }
      if (['iframe', 'object', 'embed', 'base', 'math', 'mglyph'].includes(tag))
        found.push(`<${tag}>`);
      if (tag === 'meta' && element.hasAttribute('http-equiv')) found.push('<meta http-equiv>');
      if (tag === 'img' && element.getAttribute('src') === 'x') found.push('<img src=x>');
      if (
        tag === 'script' &&
        /^\s*(window\.__xss|parent\.__xss|alert)/.test(element.textContent ?? '')
      )
        found.push(`<script>${element.textContent}</script>`);
      if (tag === 'style' && /javascript:/i.test(element.textContent ?? '')) found.push('<style>');
    }
    return found;
  });
}

describe('stored and reflected scripts stay text', () => {
  it('sees what a payload brings when a page does render it as HTML', async () => {
    const page = await desk.page(undefined, { javaScript: true });
    // As an unescaped page would: every payload as markup (no network, so no CSP here).
    await page.setContent(`<main>${payloads.join('\n')}</main>`);
    const found = await injected(page);
    for (const expected of ['window.__xss was set', '<img onerror>', '<svg onload>', '<script>'])
      expect(found.join(' ')).toContain(expected);
    await page.close();
  });

  it('refuses javascript: and data: addresses at the API, naming the field', async () => {
    const agency = await staffGet(edith, '/v1/admin/agencies');
    const record = agency.items[0];
    for (const [field, address] of [
      ['website', 'javascript:window.__xss=1'],
      ['appointmentUrl', 'data:text/html,<script>alert(1)</script>'],
      ['website', 'JaVaScRiPt:alert(1)'],
    ] as const) {
      const response = await fetch(`${desk.apiUrl}/v1/admin/agencies/${record.id}`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${await tokenOf(edith)}`,
          'content-type': 'application/json',
          'if-match': `"v${record.version}"`,
        },
        body: JSON.stringify({
          value: { ...record.value, contact: { ...record.value.contact, [field]: address } },
        }),
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await response.json()) as { errors: { field: string }[] };
      expect(problem.errors.map((e) => e.field)).toContain(`body.value.contact.${field}`);
    }
    // Through the dashboard's form too: the page names the field, and nothing is stored.
    const refused = await post(edith, `/agencies/${record.id}`, 'save', {
      'contact.website': 'javascript:window.__xss=1',
      'source.url': 'javascript:alert(1)',
    });
    expect(refused.status()).toBe(400);
    const page = await refused.text();
    expect(page).toMatch(/id="contact\.website-error"/);
    expect(page).toMatch(/id="source\.url-error"/);
    const after = await staffGet(edith, `/v1/admin/agencies/${record.id}`);
    expect(after.version).toBe(record.version);
  });

  it(`stores ${payloads.length} payloads through the dashboard and publishes them`, async () => {
    const offerList = (await staffGet(edith, '/v1/admin/offers')).items as { id: string }[];
    const known = new Set(
      ((await staffGet(edith, '/v1/admin/agencies')).items as { id: string }[]).map((a) => a.id),
    );
    const agencyList = guided.expected.must_include.filter((id) => known.has(id));
    expect(agencyList.length).toBeGreaterThanOrEqual(2);
    const perOffer = offerFields.length;
    for (let i = 0; i * perOffer < payloads.length; i++) {
      const texts = Object.fromEntries(
        offerFields.map((field, j) => [
          field,
          `${marker} ${payloads[(i * perOffer + j) % payloads.length]}`,
        ]),
      );
      const id = offerList[i]!.id;
      await store('offers', id, texts);
      offers.push({ id, texts });
    }
    for (let i = 0; i < 2; i++) {
      const texts = Object.fromEntries(
        agencyFields.map((field, j) => [
          field,
          `${marker} ${payloads[(i * 4 + j + 2) % payloads.length]}`,
        ]),
      );
      const id = agencyList[i]!;
      await store('agencies', id, texts);
      agencies.push({ id, texts });
    }
    // One offer goes back to review with new texts, for the review page.
    const again = offers[0]!;
    const saved = await post(edith, `/offers/${again.id}`, 'save', {
      'title.de': `${marker} ${payloads[0]} ${payloads[1]}`,
    });
    expect(saved.status()).toBe(200);
    const { version } = await staffGet(edith, `/v1/admin/offers/${again.id}`);
    const submitted = await edith.request.post(`${desk.url}/offers/${again.id}?/workflow`, {
      headers: { origin: desk.url, accept: 'text/html' },
      form: { step: 'submit', version: String(version) },
    });
    expect(submitted.status()).toBe(200);
    const published = await fetch(`${desk.apiUrl}/v1/offers/${offers[1]!.id}?lang=de`);
    expect(((await published.json()) as { title: { text: string } }).title.text).toBe(
      offers[1]!.texts['title.de'],
    );
  });

  it('shows them as text on the public site', async () => {
    expect(offers.length).toBeGreaterThan(0);
    const page = await desk.page(undefined, { javaScript: true });
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const visit = async (path: string) => {
      const response = await page.goto(`${site.url}${path}`);
      expect(response?.status(), path).toBe(200);
      expect(await injected(page), path).toEqual([]);
    };
    for (const offer of offers.slice(1)) {
      for (const lang of ['de', 'en'] as const) {
        await visit(`/${lang}/offers/${offer.id}`);
        expect((await page.locator('h1').textContent())?.trim()).toBe(
          offer.texts[`title.${lang}`]!.trim(),
        );
        expect(await page.locator('main').textContent()).toContain(
          offer.texts[`summary.${lang}`]!.trim(),
        );
      }
    }
    for (const agency of agencies) {
      await visit(`/de/agencies/${agency.id}`);
      expect((await page.locator('h1').textContent())?.trim()).toBe(
        agency.texts['name.de']!.trim(),
      );
    }
    await visit('/de/agencies');
    await visit('/de');
    await visit(`/de/offers?q=${marker}`);
    const listed = await page.locator('main').textContent();
    for (const offer of offers.slice(1)) expect(listed).toContain(offer.texts['title.de']!.trim());
    // Reflected: the payload as the search itself.
    for (const payload of payloads.slice(0, 12)) {
      await visit(`/de/offers?q=${encodeURIComponent(payload)}`);
      expect(await page.inputValue('input[name="q"]')).toBe(payload.trim());
    }
    // The Wegweiser names the agencies in its steps.
    await visit('/de/guide');
    for (let asked = 0; asked < 30 && (await page.locator('ol.steps').count()) === 0; asked++) {
      const value = guided.profile[await page.locator('input[name="field"]').inputValue()];
      if (value === undefined) {
        await page.click('button[value="skip"]');
        continue;
      }
      const values = Array.isArray(value) ? value.map(String) : [String(value)];
      const choices = page.locator('input[name="value"]:is([type="radio"], [type="checkbox"])');
      if ((await choices.count()) > 0)
        for (const v of values) await page.check(`input[name="value"][value="${v}"]`);
      else await page.fill('#answer', values.join(', '));
      await page.click('button[value="answer"]');
    }
    expect(await injected(page)).toEqual([]);
    const steps = await page.locator('ol.steps').textContent();
    for (const agency of agencies) expect(steps).toContain(agency.texts['name.de']!.trim());
    expect(dialogs).toEqual([]);
  });

  it('shows them as text in the dashboard', async () => {
    const dialogs: string[] = [];
    edith.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const visit = async (path: string) => {
      const response = await edith.goto(`${desk.url}${path}`);
      expect(response?.status(), path).toBe(200);
      expect(await injected(edith), path).toEqual([]);
    };
    await visit('/offers');
    for (const offer of offers.slice(1)) {
      await visit(`/offers/${offer.id}`);
      for (const field of offerFields)
        expect(await edith.inputValue(`[id="${field}"]`)).toBe(offer.texts[field]!.trim());
    }
    await visit('/review');
    expect(await edith.locator('main').textContent()).toContain(`${marker} ${payloads[0]}`);
    await visit('/agencies');
    await visit(`/agencies?q=${encodeURIComponent(payloads[0]!)}`);
    for (const agency of agencies) {
      await visit(`/agencies/${agency.id}`);
      expect(await edith.inputValue('[id="name.de"]')).toBe(agency.texts['name.de']!.trim());
    }
    await visit('/freshness');
    expect(dialogs).toEqual([]);
  });
});
