// API throughput and latency with autocannon, against the built server, beside a bare Hono
// hello-world server measured in the same run. Usage: npm run bench (or node bench/api.bench.js
// [seconds per measurement] [rounds]).
//
// The measurements are interleaved (hello, search, route; again) and each ratio is the median
// of its rounds, so that a noisy neighbour on a shared machine shifts all of a round alike.
// Where `taskset` exists and there are two or more CPUs, the servers run on CPU 0 and the load
// generator on CPU 1: otherwise autocannon's own work is charged to whichever server it loads.
import { rawData } from '@ankommen/data-karlsruhe';
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canPin, pin, start } from './processes.js';

const seconds = Number(process.argv[2] ?? 5);
const rounds = Number(process.argv[3] ?? 3);
const connections = 50;
const here = fileURLToPath(new URL('.', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'ankommen-bench-'));

const pinned = canPin();
if (pinned) pin(process.pid, 1);
const serverCpu = pinned ? 0 : undefined;

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
const hello = await start(join(here, 'hello.js'), { PORT: String(helloPort) }, { cpu: serverCpu });
const api = await start(
  join(here, '..', 'dist', 'server.js'),
  {
    API_PORT: String(apiPort),
    API_HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    ROUTE_RATE_LIMIT: '100000000',
  },
  { cpu: serverCpu },
);

// A typical profile: persona p01 (a recognised refugee in a district town, three needs).
const { profile } = rawData.personas.find((persona) => persona.id === 'p01');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const targets = [
  { label: 'hello world', options: { url: `http://127.0.0.1:${helloPort}/` } },
  {
    label: 'GET /v1/offers?q=Deutschkurs',
    options: { url: `http://127.0.0.1:${apiPort}/v1/offers?q=Deutschkurs&lang=de` },
  },
  {
    label: 'POST /v1/route',
    options: {
      url: `http://127.0.0.1:${apiPort}/v1/route`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ profile, date: '2026-11-25', lang: 'de' }),
    },
  },
];

try {
  // Warm-up: let the JIT compile the hot paths before anything counts.
  for (const target of targets) await run(target.label, { ...target.options, duration: 2 });
  const measured = targets.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, target] of targets.entries())
      measured[i].push(await run(target.label, target.options));
  }
  const ratios = measured.map((results) =>
    median(results.map((r, round) => r.rps / measured[0][round].rps)),
  );
  console.log(
    `api bench: ${connections} connections, ${rounds} interleaved rounds of ${seconds} s, ` +
      (pinned
        ? 'servers on CPU 0, load generator on CPU 1'
        : 'servers and load generator unpinned'),
  );
  for (const [i, target] of targets.entries()) {
    const results = measured[i];
    const rps = median(results.map((r) => r.rps));
    const p99 = median(results.map((r) => r.p99));
    console.log(
      `  ${target.label.padEnd(30)} ${Math.round(rps).toLocaleString('en-US').padStart(8)} req/s  p99 ${p99} ms  (${(ratios[i] * 100).toFixed(0)}% of hello world; rounds: ${results.map((r) => Math.round(r.rps)).join(', ')})`,
    );
  }
  const [, search, route] = ratios;
  const p99s = measured.slice(1).map((results) => median(results.map((r) => r.p99)));
  console.log(`  goal offer search >= 60% of hello world: ${search >= 0.6 ? 'met' : 'NOT met'}`);
  console.log(`  goal routing >= 40% of hello world: ${route >= 0.4 ? 'met' : 'NOT met'}`);
  console.log(`  goal p99 < 10 ms: ${p99s.every((p99) => p99 < 10) ? 'met' : 'NOT met'}`);
} finally {
  hello.kill();
  api.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
