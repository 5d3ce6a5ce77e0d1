import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { IsoDate, pickText } from '@ankommen/taxonomy';
import { CityDataError, type CityData } from './city-data.js';
import { checkRuleSet } from './checks.js';
import { createRouter, today } from './engine.js';
import { DataFileError, defaultDataPackage, loadCityData, resolveDataFolder } from './node/load.js';
import { Personas } from './personas.js';
import { parseProfile } from './profile.js';
import { runPersonas } from './personas.js';
import type { Wegweiser } from './wegweiser.js';

const usage = `Usage: ankommen-routing <command> [options]

Commands:
  route --profile FILE [--date YYYY-MM-DD] [--lang de] [--json]   print the Wegweiser for a profile
  test FILE [--date YYYY-MM-DD] [--json]                          run persona tests from a file
  check [--date YYYY-MM-DD]                                        validate the rule set

Options:
  --data PATH|PACKAGE   a city's data folder or package (default ${defaultDataPackage}, or $ANKOMMEN_DATA)
  -h, --help            show this help

Exit codes: 0 success, 1 failing tests or rule-set errors, 2 bad input.`;

class InputError extends Error {}

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        profile: { type: 'string' },
        date: { type: 'string' },
        lang: { type: 'string' },
        json: { type: 'boolean', default: false },
        data: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new InputError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(usage);
    return command || values.help ? 0 : 2;
  }
  const date = values.date ?? today();
  if (!IsoDate.safeParse(date).success)
    throw new InputError(`--date must be a date YYYY-MM-DD, got ${date}`);
  const lang = values.lang ?? 'de';
  if (!/^[a-z]{2,3}$/.test(lang))
    throw new InputError(`--lang must be a language code such as de or ar, got ${lang}`);

  switch (command) {
    case 'route': {
      if (!values.profile) throw new InputError('route needs --profile FILE');
      if (rest.length > 0) throw new InputError(`unexpected argument ${rest[0]}`);
      const result = parseProfile(readJson(values.profile));
      if (!result.success) {
        throw new InputError(
          `invalid profile in ${values.profile}:\n${result.issues.map((i) => `  ${i.field}: ${i.message}`).join('\n')}`,
        );
      }
      const data = load(values.data);
      const wegweiser = createRouter({
        rules: data.rules,
        registry: data.registry,
        catalog: data.catalog,
      }).route(result.profile, { date, lang });
      console.log(
        values.json ? JSON.stringify(wegweiser, null, 2) : formatWegweiser(wegweiser, data),
      );
      return 0;
    }
    case 'test': {
      const [file, ...extra] = rest;
      if (!file) throw new InputError('test needs a persona FILE');
      if (extra.length > 0) throw new InputError(`unexpected argument ${extra[0]}`);
      const personas = Personas.safeParse(readJson(file));
      if (!personas.success) {
        throw new InputError(
          `invalid persona file ${file}:\n${personas.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
        );
      }
      const data = load(values.data);
      const router = createRouter({
        rules: data.rules,
        registry: data.registry,
        catalog: data.catalog,
      });
      const results = runPersonas(personas.data, router, { date, lang });
      const failed = results.filter((r) => !r.passed);
      if (values.json) {
        console.log(
          JSON.stringify(
            results.map(({ wegweiser: _w, ...r }) => r),
            null,
            2,
          ),
        );
      } else {
        for (const r of results) {
          console.log(`${r.passed ? 'ok  ' : 'FAIL'} ${r.id} (${r.date}) ${r.description}`);
          for (const failure of r.failures) console.log(`       ${failure}`);
        }
        console.log(`\n${results.length - failed.length} passed, ${failed.length} failed`);
      }
      return failed.length === 0 ? 0 : 1;
    }
    case 'check': {
      if (rest.length > 0) throw new InputError(`unexpected argument ${rest[0]}`);
      const data = load(values.data);
      const result = checkRuleSet(data.rules, {
        registry: data.registry,
        catalog: data.catalog,
        personas: data.personas,
        date,
      });
      for (const problem of result.problems) {
        console.log(
          `${problem.severity}: [${problem.code}] ${problem.path ? `${problem.path}: ` : ''}${problem.message}`,
        );
      }
      const errors = result.problems.filter((p) => p.severity === 'error').length;
      console.log(
        `${data.rules.rules.length} rules, ${data.personas.length} personas: ${errors} errors, ${result.problems.length - errors} warnings`,
      );
      return result.ok ? 0 : 1;
    }
    default:
      throw new InputError(`unknown command ${command}\n\n${usage}`);
  }
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError(`cannot read ${file}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function load(spec: string | undefined): CityData {
  try {
    return loadCityData(resolveDataFolder(spec ?? process.env.ANKOMMEN_DATA ?? defaultDataPackage));
  } catch (error) {
    if (error instanceof CityDataError || error instanceof DataFileError)
      throw new InputError(error.message);
    if (error instanceof Error && error.message.startsWith('no data folder'))
      throw new InputError(error.message);
    throw error;
  }
}

function formatWegweiser(wegweiser: Wegweiser, data: CityData): string {
  const lang = wegweiser.lang;
  const nameOf = (id: string) =>
    pickText(data.registry.get(id)?.name ?? data.catalog.get(id)?.title, lang)?.text ?? id;
  const docLabel = (id: string) => pickText(data.rules.documents[id]?.label, lang)?.text ?? id;
  const lines = [`Wegweiser (${wegweiser.date})`, ''];
  for (const step of wegweiser.steps) {
    lines.push(
      `${step.order}. ${nameOf(step.target)} [${step.target}]${step.optional ? ' (optional)' : ''}`,
    );
    if (step.deadline) lines.push(`   deadline: ${step.deadline}`);
    if (step.documents.length > 0)
      lines.push(`   bring: ${step.documents.map(docLabel).join('; ')}`);
    for (const reason of step.because)
      lines.push(`   why (${reason.rule}): ${reason.text} <${reason.source}>`);
  }
  if (wegweiser.excluded.length > 0) {
    lines.push('', 'Not for you:');
    for (const e of wegweiser.excluded)
      lines.push(
        `   ${nameOf(e.target)} [${e.target}]: ${e.because.map((r) => `${r.text} (${r.rule})`).join(' ')}`,
      );
  }
  if (wegweiser.missing.length > 0)
    lines.push('', `Answers that could change this: ${wegweiser.missing.join(', ')}`);
  if (wegweiser.offers.length > 0) {
    lines.push('', 'Offers for you:');
    for (const id of wegweiser.offers.slice(0, 10)) lines.push(`   - ${nameOf(id)} [${id}]`);
    if (wegweiser.offers.length > 10) lines.push(`   … and ${wegweiser.offers.length - 10} more`);
  }
  for (const warning of wegweiser.warnings) lines.push(`warning: ${warning}`);
  return lines.join('\n');
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof InputError) {
    console.error(`ankommen-routing: ${error.message}`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
