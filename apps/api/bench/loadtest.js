// The load test: mixed public traffic (offer search, offer and agency details, the Wegweiser,
// its questions, the HSDS feed) from many connections against the built API server, beside a
// bare Hono hello-world server measured in the same run. It checks the goals of issue
// "Reliability and security under load": no errors, p99 latency under 50 ms, and memory
// growing by at most 20 % from the end of the warm-up to the end of the run.
//
// Usage (after `npm run build`; the root's `npm run loadtest` builds first):
//   node bench/loadtest.js [--duration 60] [--connections 100] [--warmup 10] [--baseline 10]
//                          [--pool 5000] [--out bench/results/loadtest.json]
// or the same through LOADTEST_DURATION and LOADTEST_CONNECTIONS. Exits 1 when a goal is missed.
//
// The API runs as its own process on an embedded database (PGlite) in a temporary directory,
// seeded with the Karlsruhe data, with the clock fixed and planning counts on, as in production;
// only the Wegweiser's rate limit is raised, since all requests come from one address. Its
// memory is sampled every second from inside the process (memory-probe.js). The baseline runs
// half before and half after the API, so that a neighbour's load shifts both alike.
import autocannon from 'autocannon';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { canPin, freePort, pin, start } from './processes.js';
import { kindOf, publishedIds, trafficPool } from './traffic.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const goals = { errors: 0, p99Ms: 50, memoryGrowth: 0.2 };

function readOptions() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: process.env.LOADTEST_DURATION ?? '60' },
      connections: { type: 'string', default: process.env.LOADTEST_CONNECTIONS ?? '100' },
      warmup: { type: 'string' },
      baseline: { type: 'string' },
      pool: { type: 'string', default: '5000' },
      out: { type: 'string', default: join(here, 'results', 'loadtest.json') },
    },
  });
  const number = (name, value) => {
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed <= 0) {
      console.error(`--${name} must be a positive number of seconds or connections, not ${value}`);
      process.exit(2);
    }
    return parsed;
  };
  const duration = number('duration', values.duration);
  return {
    duration,
    connections: Math.round(number('connections', values.connections)),
    // By default the first sixth of the run, at most 10 s: memory is compared from there on.
    warmup:
      values.warmup === undefined ? Math.min(10, duration / 6) : number('warmup', values.warmup),
    baseline:
      values.baseline === undefined ? Math.min(10, duration) : number('baseline', values.baseline),
    // Distinct requests cycled through: more distinct GETs than the response cache holds
    // (2,000 answers) means many answers are built, not served from it.
    pool: Math.round(number('pool', values.pool)),
    out: resolve(values.out),
  };
}

const options = readOptions();
const server = join(here, '..', 'dist', 'server.js');
if (!existsSync(server)) {
  console.error(
    `${server} is missing: run \`npm run build\` first (the root's \`npm run loadtest\` does).`,
  );
  process.exit(2);
}

const pinned = canPin();
if (pinned) pin(process.pid, 1);
const serverCpu = pinned ? 0 : undefined;

/** Memory samples of the API process: seconds since the load began, RSS and heap in bytes. */
const samples = [];
let loadStarted;
const dataDir = mkdtempSync(join(tmpdir(), 'ankommen-loadtest-'));
const helloPort = await freePort();
const apiPort = await freePort();
/** Waits for the API's answer to `gc`: its memory after a full garbage collection. */
let collected;
const afterCollection = () =>
  new Promise((resolve) => {
    collected = resolve;
    api.send('gc');
  });

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function measure(target) {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ connections: options.connections, ...target }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
    instance.on('error', reject);
  });
}

const helloRun = (duration) => measure({ url: `http://127.0.0.1:${helloPort}/`, duration });

/** The requests the API refused, by status, method and path: at most 20, to name the cause. */
const refused = new Map();

/**
 * The API under the mixed traffic, each connection taking the next request of the pool. Each
 * answer's time is also kept by kind of request (from building the request to its answer, as
 * autocannon's own latency), for the table that tells which kinds are slow.
 */
function apiRun(pool) {
  const kinds = pool.map(kindOf);
  const times = new Map([...new Set(kinds)].map((kind) => [kind, []]));
  let next = 0;
  const run = measure({
    url: `http://127.0.0.1:${apiPort}`,
    duration: options.duration,
    requests: [
      {
        setupRequest(request, context) {
          context.index = next++ % pool.length;
          context.sentAt = performance.now();
          return { ...request, ...pool[context.index] };
        },
        onResponse(status, _body, context) {
          times.get(kinds[context.index]).push(performance.now() - context.sentAt);
          if (status < 400 || refused.size >= 20) return;
          const { method, path } = pool[context.index];
          const key = `${status} ${method} ${path}`;
          refused.set(key, (refused.get(key) ?? 0) + 1);
        },
      },
    ],
  });
  return run.then((result) => ({ result, byKind: summariseKinds(times) }));
}

/** Requests, p50 and p99 in milliseconds for each kind of request, most requests first. */
function summariseKinds(times) {
  const percentile = (sorted, p) =>
    sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
  return [...times]
    .filter(([, list]) => list.length > 0)
    .map(([kind, list]) => {
      const sorted = list.sort((a, b) => a - b);
      const round = (ms) => Math.round(ms * 10) / 10;
      return {
        kind,
        requests: sorted.length,
        p50: round(percentile(sorted, 0.5)),
        p99: round(percentile(sorted, 0.99)),
      };
    })
    .sort((a, b) => b.requests - a.requests);
}

/** Memory after the warm-up and at the end: medians over a window, so one GC cycle counts little. */
function memoryGrowth() {
  const window = Math.max(1, Math.min(5, options.duration / 6));
  const after = samples.filter((s) => s.at >= options.warmup && s.at < options.warmup + window);
  const end = samples.filter((s) => s.at >= options.duration - window && s.at <= options.duration);
  const of = (list, field) => (list.length ? median(list.map((s) => s[field])) : NaN);
  const entry = (field) => {
    const warm = of(after, field);
    const last = of(end, field);
    return { afterWarmup: warm, end: last, growth: last / warm - 1 };
  };
  // The whole series after the warm-up, in MB: a leak climbs; the response cache (bounded by
  // size, oldest answers out first) levels off.
  const mb = (bytes) => Math.round(bytes / 104_857.6) / 10;
  const series = samples
    .filter((s) => s.at <= options.duration)
    .map((s) => ({ at: Math.round(s.at), rss: mb(s.rss), heapUsed: mb(s.heapUsed) }));
  return {
    window,
    samples: samples.length,
    rss: entry('rss'),
    heapUsed: entry('heapUsed'),
    seriesMB: series,
  };
}

let report;
let hello;
let api;
try {
  hello = await start(join(here, 'hello.js'), { PORT: String(helloPort) }, { cpu: serverCpu });
  api = await start(
    join(here, 'memory-probe.js'),
    {
      API_PORT: String(apiPort),
      API_HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      CLOCK: '2026-11-25T09:00:00Z',
      USAGE_COUNTS: 'on',
      ROUTE_RATE_LIMIT: '1000000000',
    },
    {
      cpu: serverCpu,
      execArgv: ['--expose-gc'],
      onMessage: (message) => {
        if (message?.afterGc) {
          collected?.(message.memory);
          collected = undefined;
          return;
        }
        if (loadStarted === undefined || !message?.memory) return;
        samples.push({ at: (performance.now() - loadStarted) / 1000, ...message.memory });
      },
    },
  );
  const pool = trafficPool(await publishedIds(`http://127.0.0.1:${apiPort}`), {
    size: options.pool,
  });
  await helloRun(1); // the JIT's warm-up for the baseline server; the API's is part of the run
  const before = await helloRun(options.baseline / 2);
  const loadAverageBefore = loadavg();
  loadStarted = performance.now();
  // What the API holds after the warm-up: one full collection under load (one short pause).
  const heldAfterWarmup = new Promise((resolve) => setTimeout(resolve, options.warmup * 1000)).then(
    afterCollection,
  );
  const { result, byKind } = await apiRun(pool);
  const heldAtEnd = await afterCollection();
  const held = { afterWarmup: (await heldAfterWarmup).heapUsed, end: heldAtEnd.heapUsed };
  held.growth = held.end / held.afterWarmup - 1;
  const loadAverageAfter = loadavg();
  const after = await helloRun(options.baseline / 2);

  const baselineRps = (before.requests.average + after.requests.average) / 2;
  const errors = {
    non2xx: result.non2xx,
    '4xx': result['4xx'],
    '5xx': result['5xx'],
    socket: result.errors,
    timeouts: result.timeouts,
  };
  const memory = { ...memoryGrowth(), heapAfterGc: held };
  const checks = {
    errors: result.non2xx + result.errors === goals.errors,
    p99: result.latency.p99 < goals.p99Ms,
    memory:
      memory.rss.growth <= goals.memoryGrowth && memory.heapAfterGc.growth <= goals.memoryGrowth,
  };
  report = {
    date: new Date().toISOString(),
    options: { ...options, pinned },
    loadAverage: { before: loadAverageBefore, after: loadAverageAfter },
    api: {
      requests: result.requests.total,
      rps: result.requests.average,
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      errors,
      refused: Object.fromEntries(refused),
      byKind,
    },
    baseline: {
      rps: baselineRps,
      before: before.requests.average,
      after: after.requests.average,
      p99Ms: Math.max(before.latency.p99, after.latency.p99),
    },
    ratio: result.requests.average / baselineRps,
    memory,
    goals,
    met: checks,
  };
} finally {
  // Also after a failed start: a child left running would keep this process alive.
  hello?.kill();
  api?.kill();
  rmSync(dataDir, { recursive: true, force: true });
}

const mb = (bytes) => `${(bytes / 1_048_576).toFixed(1)} MB`;
const percent = (fraction) => `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)} %`;
const verdict = (met) => (met ? 'met' : 'NOT MET');
const { api: measured, baseline, memory, met } = report;
const rows = [
  ['requests (total)', measured.requests.toLocaleString('en-US'), ''],
  ['throughput', `${Math.round(measured.rps).toLocaleString('en-US')} req/s`, ''],
  [
    'hello-world baseline',
    `${Math.round(baseline.rps).toLocaleString('en-US')} req/s`,
    `ratio ${(report.ratio * 100).toFixed(1)} %`,
  ],
  [
    'errors',
    `${measured.errors.non2xx} non-2xx (4xx ${measured.errors['4xx']}, 5xx ${measured.errors['5xx']}), ` +
      `${measured.errors.socket} socket (${measured.errors.timeouts} timeouts)`,
    `goal 0: ${verdict(met.errors)}`,
  ],
  [
    'latency p50 / p99 / max',
    `${measured.latencyMs.p50} / ${measured.latencyMs.p99} / ${measured.latencyMs.max} ms`,
    `goal p99 < ${goals.p99Ms} ms: ${verdict(met.p99)}`,
  ],
  [
    'RSS after warm-up / end',
    `${mb(memory.rss.afterWarmup)} / ${mb(memory.rss.end)} (${percent(memory.rss.growth)})`,
    `goal <= +${goals.memoryGrowth * 100} %: ${verdict(memory.rss.growth <= goals.memoryGrowth)}`,
  ],
  [
    'heap held (after a full GC)',
    `${mb(memory.heapAfterGc.afterWarmup)} / ${mb(memory.heapAfterGc.end)} (${percent(memory.heapAfterGc.growth)})`,
    `goal <= +${goals.memoryGrowth * 100} %: ${verdict(memory.heapAfterGc.growth <= goals.memoryGrowth)}`,
  ],
  [
    'heap used (garbage incl.)',
    `${mb(memory.heapUsed.afterWarmup)} / ${mb(memory.heapUsed.end)} (${percent(memory.heapUsed.growth)})`,
    'for information',
  ],
  [
    'load average (1/5/15 min)',
    `before ${report.loadAverage.before.map((l) => l.toFixed(2)).join(' ')}, ` +
      `after ${report.loadAverage.after.map((l) => l.toFixed(2)).join(' ')}`,
    '',
  ],
];
console.log(
  `\nload test: ${options.connections} connections, ${options.duration} s of mixed public traffic ` +
    `(a pool of ${options.pool} requests), warm-up ${Number(options.warmup.toFixed(1))} s, baseline ` +
    `${options.baseline} s; ${pinned ? 'servers on CPU 0, load generator on CPU 1' : 'unpinned'}`,
);
const width = Math.max(...rows.map(([name]) => name.length));
const valueWidth = Math.max(...rows.map(([, value]) => value.length));
for (const [name, value, goal] of rows)
  console.log(`  ${name.padEnd(width)}  ${value.padEnd(valueWidth)}  ${goal}`);
console.log('  by kind of request (time from building the request to its answer):');
const kindWidth = Math.max(...measured.byKind.map(({ kind }) => kind.length));
for (const { kind, requests, p50, p99 } of measured.byKind)
  console.log(
    `    ${kind.padEnd(kindWidth)}  ${String(requests).padStart(8)}  p50 ${String(p50).padStart(6)} ms  p99 ${String(p99).padStart(6)} ms`,
  );
if (refused.size > 0) {
  console.log('  refused requests (first kinds):');
  for (const [request, count] of refused) console.log(`    ${count} × ${request}`);
}

mkdirSync(dirname(options.out), { recursive: true });
writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`  result: ${options.out}`);
const allMet = Object.values(met).every(Boolean);
console.log(allMet ? '  every goal met' : '  a goal was missed');
process.exit(allMet ? 0 : 1);
