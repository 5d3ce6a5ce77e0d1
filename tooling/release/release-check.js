// Everything short of publishing: the pending changesets, a build, the package checks, the
// consumer test, and a dry-run publish of every published package. npm run release:check
import { execFileSync } from 'node:child_process';
import { publishedPackages, root } from './published.js';

const step = (title, command, args, cwd = root) => {
  console.log(`\n▸ ${title}: ${command} ${args.join(' ')}`);
  execFileSync(command, args, { cwd, stdio: 'inherit' });
};

step('pending releases', 'npx', ['--no-install', 'changeset', 'status']);
step('build', 'npx', ['--no-install', 'turbo', 'run', 'build']);
step('package checks', process.execPath, ['tooling/release/check-packages.js']);
step('consumer test', process.execPath, ['tooling/release/consumer-test.js']);
for (const { name, dir } of publishedPackages())
  step(`dry-run publish of ${name}`, 'npm', ['publish', '--dry-run', '--ignore-scripts'], dir);
console.log(
  '\nrelease check passed: `npx changeset version`, then `npx changeset publish`, would release these.',
);
