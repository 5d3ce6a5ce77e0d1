// Lighthouse 12 (mobile profile: emulated phone, simulated slow 4G and CPU) on the built site
// with Debian's Chromium: home, a listing, an offer detail and a Wegweiser result, in de and ar.
// Usage: npm run lighthouse -w @ankommen/web [-- --json report.json]. Needs `npm run build`.
// Exits with 1 when a goal is missed.
import { startFlow } from 'lighthouse';
import { writeFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { rawData } from '@ankommen/data-karlsruhe';
import { profileFields } from '@ankommen/routing';
import { chromiumArgs, startSystem } from './system.js';

const goals = { performance: 0.95, accessibility: 1, 'best-practices': 0.95, seo: 1 };
const scriptBudget = 30 * 1024;

const p01 = rawData.personas.find((persona) => persona.id === 'p01');
// As a shared link carries it: p01's answers, and every other question skipped.
const skipped = profileFields.filter((field) => !(field in p01.profile));
const shared = JSON.stringify({ answers: p01.profile, skipped });

const system = await startSystem();
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: chromiumArgs,
});
const rows = [];
let missed = 0;
try {
  for (const lang of ['de', 'ar']) {
    const pages = [
      { name: 'home', url: `${system.url}/${lang}` },
      { name: 'listing', url: `${system.url}/${lang}/offers?topic=education`, budget: true },
      { name: 'offer detail', url: `${system.url}/${lang}/offers/schulanmeldung`, budget: true },
      { name: 'Wegweiser result', url: `${system.url}/${lang}/guide`, result: true },
    ];
    for (const page of pages) {
      const tab = await browser.newPage();
      const flow = await startFlow(tab, { name: `${lang} ${page.name}` });
      if (page.result) {
        // The plan is the answer to a form post: open the guide, then measure the post.
        await tab.goto(page.url);
        await flow.navigate(
          async () => {
            await tab.evaluate((json) => {
              const form = document.createElement('form');
              form.method = 'post';
              for (const [name, value] of [
                ['intent', 'load'],
                ['shared', json],
              ]) {
                const input = document.createElement('input');
                input.type = 'hidden';
                input.name = name;
                input.value = value;
                form.append(input);
              }
              document.body.append(form);
              form.submit();
            }, shared);
          },
          { name: `${lang} ${page.name}` },
        );
        if (!(await tab.$('ol.steps'))) throw new Error(`${lang}: the Wegweiser showed no plan`);
      } else {
        await flow.navigate(page.url);
      }
      const { steps } = await flow.createFlowResult();
      const lhr = steps.at(-1).lhr;
      const scores = Object.fromEntries(
        Object.keys(goals).map((id) => [id, lhr.categories[id]?.score ?? 0]),
      );
      const script =
        lhr.audits['resource-summary']?.details?.items?.find(
          (item) => item.resourceType === 'script',
        )?.transferSize ?? 0;
      const failures = Object.entries(goals)
        .filter(([id, goal]) => scores[id] < goal)
        .map(([id]) => id);
      if (page.budget && script > scriptBudget) failures.push('script budget');
      if (failures.length > 0) {
        missed++;
        for (const id of failures.filter((f) => f in lhr.categories)) {
          const audits = lhr.categories[id].auditRefs
            .map((ref) => lhr.audits[ref.id])
            .filter(
              (audit) =>
                audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== 'informative',
            );
          console.log(`  ${lang} ${page.name} ${id}: ${audits.map((a) => a.id).join(', ')}`);
        }
      }
      rows.push({
        lang,
        page: page.name,
        ...scores,
        scriptKB: +(script / 1024).toFixed(1),
        failures,
      });
      await tab.close();
    }
  }
} finally {
  await browser.close();
  system.close();
}

console.log('lighthouse 12.8.2, mobile profile (simulated throttling), Debian Chromium');
console.log('  lang  page               perf  a11y  best  seo   JS (transfer)');
for (const row of rows) {
  console.log(
    `  ${row.lang.padEnd(5)} ${row.page.padEnd(18)} ${[
      row.performance,
      row.accessibility,
      row['best-practices'],
      row.seo,
    ]
      .map((score) => score.toFixed(2).padEnd(5))
      .join(
        ' ',
      )} ${row.scriptKB} KB${row.failures.length ? `  MISSED: ${row.failures.join(', ')}` : ''}`,
  );
}
console.log(
  `  goals: performance >= 0.95, accessibility = 1, best practices >= 0.95, SEO = 1, JS <= 30 KB on listing and detail: ${missed === 0 ? 'met' : 'NOT met'}`,
);
const out = process.argv.indexOf('--json');
if (out > 0 && process.argv[out + 1])
  writeFileSync(process.argv[out + 1], JSON.stringify(rows, null, 2));
process.exit(missed === 0 ? 0 : 1);
