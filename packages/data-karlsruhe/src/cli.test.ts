import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, cpSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const routingDir = dirname(require.resolve('@ankommen/routing/package.json'));
const bin = join(
  routingDir,
  (
    JSON.parse(readFileSync(join(routingDir, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
    }
  ).bin['ankommen-routing']!,
);
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(packageDir, 'data');
const work = mkdtempSync(join(tmpdir(), 'ankommen-cli-'));

const run = (...args: string[]) => {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: packageDir, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};
const file = (name: string, content: unknown) => {
  const path = join(work, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const p02 = {
  age: 31,
  citizenship: 'third_country',
  residence: 'karlsruhe_city',
  status: 'skilled_worker',
  benefits: 'none',
  german_level: 'none',
  children: [],
  has_foreign_degree: true,
  employed: true,
  needs: ['work', 'language', 'health'],
};

describe('ankommen-routing CLI', () => {
  it('prints a readable Wegweiser by default, with the Karlsruhe data', () => {
    const { code, stdout } = run(
      'route',
      '--profile',
      file('p02.json', p02),
      '--date',
      '2026-11-25',
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^1\. .*\[buergerbuero\]/m);
    expect(stdout).toMatch(/^2\. .*\[auslaenderbehoerde_karlsruhe\]/m);
    expect(stdout).toMatch(/why \(R06\)/);
  });

  it('prints JSON with --json', () => {
    const { code, stdout } = run(
      'route',
      '--profile',
      file('p02.json', p02),
      '--date',
      '2026-11-25',
      '--json',
    );
    expect(code).toBe(0);
    const wegweiser = JSON.parse(stdout) as { date: string; steps: { target: string }[] };
    expect(wegweiser.date).toBe('2026-11-25');
    expect(wegweiser.steps.map((s) => s.target)).toContain('welcome_center_trk');
  });

  it('runs persona files and exits 0 when all pass', () => {
    const { code, stdout } = run('test', join(dataDir, 'personas.json'), '--date', '2026-11-25');
    expect(code).toBe(0);
    expect(stdout).toMatch(/\d+ passed, 0 failed/);
  });

  it('reports each failing persona with the reason, and exits 1', () => {
    const persona = {
      id: 'wrong',
      description: 'expects the wrong office',
      profile: p02,
      expected: { must_include: ['jobcenter'], must_not_include: ['buergerbuero'] },
    };
    const { code, stdout } = run('test', file('wrong.json', [persona]), '--date', '2026-11-25');
    expect(code).toBe(1);
    expect(stdout).toMatch(/FAIL wrong/);
    expect(stdout).toMatch(/missing step jobcenter/);
    expect(stdout).toMatch(/unexpected step buergerbuero \(from R01\)/);
    expect(stdout).toMatch(/0 passed, 1 failed/);
  });

  it('checks the rule set', () => {
    const { code, stdout } = run('check', '--date', '2026-11-25');
    expect(stdout).toMatch(/0 errors/);
    expect(code).toBe(0);
  });

  it('exits 2 naming the problem for bad input', () => {
    const unknownField = run('route', '--profile', file('bad.json', { ...p02, shoe_size: 42 }));
    expect(unknownField.code).toBe(2);
    expect(unknownField.stderr).toMatch(/shoe_size: is not a profile field/);
    const badJson = run('route', '--profile', file('broken.json', '{ "age": '));
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toMatch(/not valid JSON/);
    expect(run('route', '--profile', join(work, 'nope.json')).stderr).toMatch(/cannot read/);
    expect(run('route', '--profile', file('ok.json', p02), '--date', '2026-02-30').code).toBe(2);
    expect(run('frobnicate').code).toBe(2);
    expect(run('route').stderr).toMatch(/needs --profile/);
    expect(run('route', '--profile', file('ok.json', p02), '--colour').code).toBe(2);
    expect(run('check', '--data', join(work, 'no-such-city')).stderr).toMatch(
      /no data folder or installed package/,
    );
  });

  it('runs another city’s data folder, and names what is wrong with it', () => {
    const other = join(work, 'other-city');
    cpSync(dataDir, other, { recursive: true });
    expect(
      run('route', '--profile', file('ok.json', p02), '--data', other, '--date', '2026-11-25').code,
    ).toBe(0);
    const offers = JSON.parse(readFileSync(join(other, 'offers.json'), 'utf8')) as {
      category: string;
    }[];
    offers[3]!.category = 'unicorns';
    writeFileSync(join(other, 'offers.json'), JSON.stringify(offers));
    const broken = run('check', '--data', other);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/offers\.3\.category/);
  });
});
