// Checks every published package as npm would ship it: the tarball's contents, publint,
// arethetypeswrong, and a TSDoc comment on every export of its type declarations.
// Run after `npm run build`: node tooling/release/check-packages.js
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { publishedPackages } from './published.js';
import { undocumentedExports } from './tsdoc.js';

const require = createRequire(import.meta.url);
// The CLI exports no entry of its own; its manifest names the command's file.
const attwManifest = require.resolve('@arethetypeswrong/cli/package.json');
const attw = join(dirname(attwManifest), require(attwManifest).bin.attw);
const required = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'];

/** Every file a manifest points to: main, module, types, bin and the targets of exports. */
function entryFiles(manifest) {
  const files = [manifest.main, manifest.module, manifest.types];
  const walk = (value) => {
    if (typeof value === 'string') files.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(manifest.exports);
  walk(manifest.bin);
  return files.filter(Boolean).map((file) => file.replace(/^\.\//, ''));
}

let failed = false;
const fail = (name, message) => {
  failed = true;
  console.error(`  ✗ ${name}: ${message}`);
};

for (const { name, dir, manifest } of publishedPackages()) {
  console.log(`${name}@${manifest.version}`);
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: dir,
      encoding: 'utf8',
    }),
  );
  const files = new Set(packed.files.map((file) => file.path));
  for (const file of [...required, ...entryFiles(manifest)])
    if (!files.has(file)) fail(name, `the tarball lacks ${file}`);
  for (const file of files)
    if (file.startsWith('src/') || /\.test\.[cm]?[jt]s$/.test(file))
      fail(name, `the tarball ships ${file}`);
  if (manifest.publishConfig?.access !== 'public') fail(name, 'publishConfig.access is not public');
  console.log(`  ${files.size} files, ${(packed.size / 1024).toFixed(1)} kB packed`);

  const { messages, pkg } = await publint({ pkgDir: dir, level: 'suggestion', strict: true });
  for (const message of messages) fail(name, `publint: ${formatMessage(message, pkg)}`);

  const types = spawnSync(process.execPath, [attw, '--pack', dir, '--format', 'ascii'], {
    encoding: 'utf8',
  });
  if (types.status !== 0) fail(name, `arethetypeswrong:\n${types.stdout}${types.stderr}`);
  else console.log('  publint and arethetypeswrong: no problems');

  // Third parties read the API reference from these comments (editor hovers).
  const undocumented = manifest.types
    ? undocumentedExports(join(dir, manifest.types))
    : ['(the manifest names no types)'];
  if (undocumented.length > 0)
    fail(name, `exports without a TSDoc comment: ${undocumented.join(', ')}`);
  else console.log(`  TSDoc: all exports of ${manifest.types} documented`);
}
process.exitCode = failed ? 1 : 0;
