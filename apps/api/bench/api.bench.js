// API throughput and latency with autocannon, against the built server, beside a bare Hono
// hello-world server measured in the same run. Usage: npm run bench (or node bench/api.bench.js [seconds]).
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const seconds = Number(process.argv[2] ?? 10);
const connections = 50;
const here = fileURLToPath(new URL('.', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'ankommen-bench-'));

function start(script, env) {
  return new Promise((resolve, reject) => {
    const child = fork(script, [], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.once('message', (message) =>
      message === 'ready' ? resolve(child) : reject(new Error(String(message))),
    );
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

function run(label, options) {
  return new Promise((resolve, reject) => {
    autocannon({ connections, duration: seconds, ...options }, (error, result) => {
      if (error) return reject(error);
      if (result.non2xx > 0 || result.errors > 0) {
        return reject(
          new Error(`${label}: ${result.non2xx} non-2xx answers, ${result.errors} errors`),
        );
      }
      resolve({ label, rps: result.requests.average, p99: result.latency.p99 });
    });
  });
}

const helloPort = 18_800 + Math.floor(Math.random() * 100);
const apiPort = helloPort + 100;
const hello = await start(join(here, 'hello.js'), { PORT: String(helloPort) });
const api = await start(join(here, '..', 'dist', 'server.js'), {
  API_PORT: String(apiPort),
  API_HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  DATABASE_URL: '',
  ROUTE_RATE_LIMIT: '100000000',
  LOG_REQUESTS: 'false',
});

const profile = {
  age: 34,
  citizenship: 'third_country',
  residence: 'karlsruhe_district',
  status: 'recognised_refugee',
  benefits: 'buergergeld',
  german_level: 'none',
  children: [],
  has_foreign_degree: false,
  employed: false,
  needs: ['language', 'work', 'housing'],
  municipality: 'Pfinztal',
};

try {
  const results = [];
  results.push(await run('hello world', { url: `http://127.0.0.1:${helloPort}/` }));
  results.push(
    await run('GET /v1/offers?q=Deutschkurs', {
      url: `http://127.0.0.1:${apiPort}/v1/offers?q=Deutschkurs&lang=de`,
    }),
  );
  results.push(
    await run('POST /v1/route', {
      url: `http://127.0.0.1:${apiPort}/v1/route`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ profile, date: '2026-11-25', lang: 'de' }),
    }),
  );
  const base = results[0].rps;
  console.log(
    `api bench: ${connections} connections, ${seconds} s each, server and load generator on this machine`,
  );
  for (const r of results) {
    console.log(
      `  ${r.label.padEnd(30)} ${Math.round(r.rps).toLocaleString('en-US').padStart(8)} req/s  p99 ${r.p99} ms  (${((r.rps / base) * 100).toFixed(0)}% of hello world)`,
    );
  }
  const [, search, route] = results;
  console.log(
    `  goal offer search >= 60% of hello world: ${search.rps / base >= 0.6 ? 'met' : 'NOT met'}`,
  );
  console.log(
    `  goal routing >= 40% of hello world: ${route.rps / base >= 0.4 ? 'met' : 'NOT met'}`,
  );
  console.log(
    `  goal p99 < 10 ms: ${results.slice(1).every((r) => r.p99 < 10) ? 'met' : 'NOT met'}`,
  );
} finally {
  hello.kill();
  api.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
