// The consumer test: packs every published package, installs the tarballs into a fresh project
// outside the workspace (the rest comes from the npm registry), and uses them as a third party
// would: every example of their READMEs, an ES module and a CommonJS consumer of the routing
// engine with a rule set of their own and of the API client, a strict type-check, and the
// HSDS validator against
// the running API, and the API client against it. Run after `npm run build`:
// node tooling/release/consumer-test.js
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishedPackages, root } from './published.js';
import { readmeExamples } from './readme-examples.js';

const work = mkdtempSync(join(tmpdir(), 'ankommen-consumer-'));
const tarballs = join(work, 'tarballs');
const project = join(work, 'project');
mkdirSync(tarballs);
mkdirSync(project);
const run = (command, args, options = {}) =>
  execFileSync(command, args, { cwd: project, encoding: 'utf8', stdio: 'pipe', ...options });

let api;
try {
  const packages = publishedPackages();
  const dependencies = {};
  for (const { name, dir } of packages) {
    const [packed] = JSON.parse(
      run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tarballs], {
        cwd: dir,
      }),
    );
    dependencies[name] = `file:../tarballs/${packed.filename}`;
  }
  const devDependencies = JSON.parse(
    readFileSync(join(root, 'packages', 'routing', 'package.json'), 'utf8'),
  ).devDependencies;
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify(
      {
        name: 'ankommen-consumer',
        private: true,
        dependencies,
        devDependencies: {
          typescript: devDependencies.typescript,
          '@types/node': devDependencies['@types/node'],
        },
        // The packages depend on each other with "*": take the tarballs, never the registry.
        overrides: Object.fromEntries(packages.map(({ name }) => [name, `$${name}`])),
      },
      null,
      2,
    ),
  );
  console.log(`installing ${packages.map((p) => p.name).join(', ')} into ${project}`);
  run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts'], { stdio: 'inherit' });

  // The built API on an embedded database, with its clock fixed: the client's README example,
  // the client consumers and the HSDS validator talk to it.
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  api = spawn(process.execPath, [join(root, 'apps', 'api', 'dist', 'server.js')], {
    env: {
      ...process.env,
      API_PORT: String(port),
      API_HOST: '127.0.0.1',
      DATA_DIR: join(work, 'data'),
      DATABASE_URL: '',
      CLOCK: '2026-11-25T09:00:00Z',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    api.stdout.on('data', (chunk) => String(chunk).includes('Ankommen API') && resolve());
    api.once('exit', (code) => reject(new Error(`the API exited with ${code}`)));
  });
  const apiUrl = `http://127.0.0.1:${port}`;
  const env = { ...process.env, TZ: 'UTC', API_URL: apiUrl };

  // 1. Every runnable README example, from the installed packages, with its printed results.
  // Examples that talk to an API (at http://localhost:8787 in the README) talk to this one.
  for (const { name, dir } of packages) {
    for (const example of readmeExamples(readFileSync(join(dir, 'README.md'), 'utf8'))) {
      const file = `readme-${name.split('/')[1]}-${example.index}.mjs`;
      writeFileSync(join(project, file), example.code.replaceAll('http://localhost:8787', apiUrl));
      const output = run(process.execPath, [file], { env });
      const squash = (text) => text.replace(/\s+/g, '');
      const missing = example.expected.filter((line) => !squash(output).includes(squash(line)));
      if (missing.length > 0)
        throw new Error(
          `${name} README example ${example.index} printed\n${output}\nnot:\n${missing.join('\n')}`,
        );
      console.log(
        `✓ ${name} README example ${example.index} (${example.expected.length} results checked)`,
      );
    }
  }

  // 2. The engine with a rule set of the consumer's own and the API client, as ES module and
  // as CommonJS.
  const fixtures = join(import.meta.dirname, 'consumer');
  for (const file of [
    'own-rules.mjs',
    'own-rules.cjs',
    'own-rules.ts',
    'client.ts',
    'tsconfig.json',
  ])
    writeFileSync(join(project, file), readFileSync(join(fixtures, file)));
  console.log(run(process.execPath, ['own-rules.mjs'], { env }).trim());
  console.log(run(process.execPath, ['own-rules.cjs'], { env }).trim());

  // 3. A strict type-check of a TypeScript consumer.
  run(process.execPath, [join(project, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.']);
  console.log('✓ tsc --strict type-checks own-rules.ts and client.ts');

  // 4. The HSDS validator CLI, installed with the package, against the running API.
  const validation = run(join(project, 'node_modules', '.bin', 'ankommen-hsds'), [
    'validate',
    '--crawl',
    `${apiUrl}/hsds`,
  ]);
  const documents = validation.trim().split('\n');
  console.log(`✓ ankommen-hsds validate --crawl: ${documents.length} documents of the API valid`);
  console.log('consumer test passed');
} finally {
  api?.kill();
  rmSync(work, { recursive: true, force: true });
}
