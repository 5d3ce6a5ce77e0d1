import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../testing/harness.js';
import { readXliff } from './xliff.js';

let api: TestApi;
let editor: string;
let reviewer: string;
beforeAll(async () => {
  api = await startTestApi();
  editor = await api.signIn('editor');
  reviewer = await api.signIn('reviewer');
});
afterAll(() => api.close());

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function call(
  method: string,
  path: string,
  {
    body,
    headers = {},
    as = editor,
  }: { body?: unknown; headers?: Record<string, string>; as?: string } = {},
) {
  const response = await api.request(path, { method, body, headers: { cookie: as, ...headers } });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    type,
    headers: response.headers,
    text,
    body: type.includes('json') && text ? (JSON.parse(text) as any) : null,
  };
}

const importXliff = (xml: string, as = editor, type = 'application/xliff+xml') =>
  call('POST', '/v1/admin/translations/xliff', {
    body: xml,
    headers: { 'content-type': type },
    as,
  });

async function setGermanTitle(id: string, text: string) {
  const read = await call('GET', `/v1/admin/offers/${id}`);
  const value = {
    ...read.body.value,
    title: { ...read.body.value.title, de: { text, status: 'source' } },
  };
  const written = await call('PUT', `/v1/admin/offers/${id}`, {
    body: { value },
    headers: { 'if-match': read.headers.get('etag')! },
  });
  expect(written.status).toBe(200);
  return written.body;
}

const coverageOf = async (lang: string) =>
  (await call('GET', '/v1/admin/translations/coverage')).body.languages.find(
    (entry: { lang: string }) => entry.lang === lang,
  );

describe('coverage and the work list', () => {
  it('counts every field with a German text once per language, with percentages', async () => {
    const coverage = await call('GET', '/v1/admin/translations/coverage', { as: reviewer });
    expect(coverage.status).toBe(200);
    expect(coverage.body.sourceLanguage).toBe('de');
    expect(coverage.body.languages.map((l: { lang: string }) => l.lang)).toEqual([
      'en',
      'ar',
      'tr',
      'uk',
      'ru',
      'fa',
      'fr',
    ]);
    const all = await call('GET', '/v1/admin/translations?lang=ar');
    for (const language of coverage.body.languages) {
      const counts = Object.values(language.counts) as number[];
      expect(counts.reduce((a, b) => a + b, 0)).toBe(language.total);
      expect(language.total).toBe(all.body.items.length);
      expect(language.percent.missing).toBe(
        Math.round((language.counts.missing * 1000) / language.total) / 10,
      );
    }
    const english = coverage.body.languages[0];
    expect(english.counts.source).toBeGreaterThan(0);
    expect(english.counts.missing).toBeLessThan(english.total);
  });

  it('filters by status and entity type, and gives the source text with its hash', async () => {
    const list = await call(
      'GET',
      '/v1/admin/translations?lang=ar&status=missing&entityType=agency',
    );
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    for (const item of list.body.items) {
      expect(item).toMatchObject({ entityType: 'agency', status: 'missing', target: null });
      expect(item.sourceHash).toBe(sha256(item.source));
    }
    const services = list.body.items.filter((item: { field: string }) =>
      item.field.startsWith('services.'),
    );
    expect(services.length).toBeGreaterThan(0);
  });

  it('names the parameter it cannot use', async () => {
    const lang = await call('GET', '/v1/admin/translations?lang=de');
    expect(lang.status).toBe(400);
    expect(lang.type).toContain('application/problem+json');
    expect(lang.body.errors.map((e: { field: string }) => e.field)).toEqual(['query.lang']);
    const status = await call('GET', '/v1/admin/translations/xliff?lang=ar&status=missing,done');
    expect(status.body.errors.map((e: { field: string }) => e.field)).toEqual(['query.status']);
  });
});

describe('XLIFF export and import', () => {
  const id = 'ibz-sprecht-miteinander';

  it('exports an offer with escaped texts, a file per record and the source hash per unit', async () => {
    await setGermanTitle(id, 'IBZ spricht miteinander: Deutsch & Co. <für alle>');
    const exported = await call(
      'GET',
      `/v1/admin/translations/xliff?lang=ar&entityType=offer&entityId=${id}`,
      {
        as: reviewer,
      },
    );
    expect(exported.status).toBe(200);
    expect(exported.type).toContain('application/xliff+xml');
    expect(exported.headers.get('content-disposition')).toBe(
      `attachment; filename="ankommen-offer-${id}-ar.xlf"`,
    );
    expect(exported.text).toContain('Deutsch &amp; Co. &lt;für alle&gt;');
    expect(exported.text).toContain(`<file id="offer:${id}">`);
    const read = readXliff(exported.text);
    expect(read).toMatchObject({ srcLang: 'de', trgLang: 'ar' });
    const title = read.units.find((unit) => unit.unitId === 'title')!;
    expect(title).toMatchObject({ fileId: `offer:${id}`, target: null, state: 'initial' });
    expect(title.sourceHash).toBe(sha256('IBZ spricht miteinander: Deutsch & Co. <für alle>'));
  });

  it('applies translated units in one versioned, audited write, and rejects them once the German changed', async () => {
    const exported = await call(
      'GET',
      `/v1/admin/translations/xliff?lang=ar&entityType=offer&entityId=${id}`,
    );
    const before = await call('GET', `/v1/admin/offers/${id}`);
    const filled = exported.text
      .replace(
        /(<unit id="title"[\s\S]*?<segment) state="initial">([\s\S]*?<\/source>)/,
        '$1 state="final">$2<target>يتحدث IBZ معًا &amp; للجميع</target>',
      )
      .replace(
        /(<unit id="summary"[\s\S]*?<segment) state="initial">([\s\S]*?<\/source>)/,
        '$1 state="translated">$2<target>ملخص</target>',
      );
    const report = await importXliff(filled);
    expect(report.status).toBe(200);
    expect(report.body.applied).toEqual([
      { file: `offer:${id}`, unit: 'title', status: 'reviewed' },
      { file: `offer:${id}`, unit: 'summary', status: 'machine' },
    ]);
    expect(report.body.rejected).toEqual([]);
    expect(report.body.skipped.every((s: { reason: string }) => s.reason === 'empty-target')).toBe(
      true,
    );

    const after = await call('GET', `/v1/admin/offers/${id}`);
    expect(after.body.version).toBe(before.body.version + 1);
    expect(after.body.value.title.ar).toEqual({
      text: 'يتحدث IBZ معًا & للجميع',
      status: 'reviewed',
    });
    expect(after.body.value.summary.ar).toEqual({ text: 'ملخص', status: 'machine' });
    const audit = await call('GET', `/v1/admin/audit?entityType=offer&entityId=${id}`, {
      as: reviewer,
    });
    const entry = audit.body.items[0];
    expect(entry).toMatchObject({ action: 'update', version: after.body.version });
    expect(entry.before.value.title.ar).toBeUndefined();
    expect(entry.after.value.title.ar.text).toBe('يتحدث IBZ معًا & للجميع');

    // The same file again after the German title changed: the title is stale, the summary unchanged.
    await setGermanTitle(id, 'IBZ spricht miteinander');
    const again = await importXliff(filled);
    expect(again.body.applied).toEqual([]);
    expect(again.body.rejected).toEqual([
      {
        file: `offer:${id}`,
        unit: 'title',
        reason: 'stale-source',
        message: 'the source text changed after this text was translated',
      },
    ]);
    expect(again.body.skipped).toContainEqual({
      file: `offer:${id}`,
      unit: 'summary',
      reason: 'unchanged',
      message: 'is the same as the stored text',
    });
    const list = await call('GET', `/v1/admin/translations?lang=ar&entityId=${id}&status=outdated`);
    expect(list.body.items.map((item: { field: string }) => item.field)).toEqual(['title']);
  });

  it('reports unknown records and fields, and units without a source hash', async () => {
    const hash = sha256('x');
    const unit = (unitId: string, note = true) =>
      `<unit id="${unitId}">${note ? `<notes><note category="source-hash">${hash}</note></notes>` : ''}<segment><source>x</source><target>y</target></segment></unit>`;
    const report = await importXliff(
      `<?xml version="1.0"?><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="tr">
        <file id="offer:no-such-offer">${unit('title')}</file>
        <file id="agency:buergerbuero-ost">${unit('price')}${unit('name', false)}${unit('summary')}</file>
        <file id="something-else">${unit('title')}</file>
      </xliff>`,
      editor,
      'application/xml',
    );
    expect(report.status).toBe(200);
    const reasons = report.body.rejected
      .map(
        (r: { file: string; unit: string; reason: string }) => `${r.file} ${r.unit}: ${r.reason}`,
      )
      .sort();
    expect(reasons).toEqual([
      'agency:buergerbuero-ost name: stale-source',
      'agency:buergerbuero-ost price: unknown-field',
      'agency:buergerbuero-ost summary: stale-source',
      'offer:no-such-offer title: unknown-entity',
      'something-else title: unknown-entity',
    ]);
    expect(report.body.applied).toEqual([]);
  });

  it('answers a bad document with a problem naming the part at fault, never a 500', async () => {
    const notXml = await importXliff('<xliff><file>');
    expect(notXml.status).toBe(400);
    expect(notXml.type).toContain('application/problem+json');
    expect(notXml.body.errors[0].field).toBe('body');
    const doctype = await importXliff(
      '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><xliff/>',
    );
    expect(doctype.status).toBe(400);
    const language = await importXliff(
      '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="xx"><file id="offer:a"/></xliff>',
    );
    expect(language.body.errors).toEqual([
      { field: 'body.xliff.trgLang', message: expect.stringContaining('ar') },
    ]);
    const source = await importXliff(
      '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ar"><file id="offer:a"/></xliff>',
    );
    expect(source.body.errors).toEqual([{ field: 'body.xliff.srcLang', message: 'must be de' }]);
    const json = await call('POST', '/v1/admin/translations/xliff', { body: { xliff: 1 } });
    expect(json.status).toBe(415);
    expect(json.body.errors[0].field).toBe('header.content-type');
    const large = await importXliff(`<xliff>${'x'.repeat(3 * 1024 * 1024)}</xliff>`);
    expect(large.status).toBe(413);
  });

  it('lets reviewers read and export but not import', async () => {
    const refused = await importXliff('<xliff/>', reviewer);
    expect(refused.status).toBe(403);
  });
});

describe('coverage follows the texts', () => {
  it('counts a reviewed translation as outdated once the German text changes', async () => {
    const id = 'vkl-grundschulen-karlsruhe';
    const read = await call('GET', `/v1/admin/offers/${id}`);
    const value = {
      ...read.body.value,
      title: {
        ...read.body.value.title,
        fr: { text: 'Classes préparatoires', status: 'reviewed' },
      },
    };
    await call('PUT', `/v1/admin/offers/${id}`, {
      body: { value },
      headers: { 'if-match': read.headers.get('etag')! },
    });
    const reviewed = await coverageOf('fr');
    await setGermanTitle(id, 'Vorbereitungsklassen an Grundschulen (geändert)');
    const changed = await coverageOf('fr');
    expect(changed.counts.outdated).toBe(reviewed.counts.outdated + 1);
    expect(changed.counts.reviewed).toBe(reviewed.counts.reviewed - 1);
    expect(changed.total).toBe(reviewed.total);
  });
});
