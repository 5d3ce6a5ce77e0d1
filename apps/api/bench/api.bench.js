// API throughput and latency with autocannon, against the built server, beside a bare Hono
// hello-world server measured in the same run. Usage: npm run bench (or node bench/api.bench.js
// [seconds per measurement] [rounds]).
//
// The measurements are interleaved (hello, search, route; again) and each ratio is the median
// of its rounds, so that a noisy neighbour on a shared machine shifts all of a round alike.
// Where `taskset` exists and there are two or more CPUs, the servers run on CPU 0 and the load
// generator on CPU 1: otherwise autocannon's own work is charged to whichever server it loads.
import { karlsruhe, rawData } from '@ankommen/data-karlsruhe';
import { createRouter } from '@ankommen/routing';
import { Need, uiLanguages } from '@ankommen/taxonomy';
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canPin, freePort, pin, start } from './processes.js';

const seconds = Number(process.argv[2] ?? 5);
const rounds = Number(process.argv[3] ?? 3);
const connections = 50;
const here = fileURLToPath(new URL('.', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'ankommen-bench-'));

const pinned = canPin();
if (pinned) pin(process.pid, 1);
const serverCpu = pinned ? 0 : undefined;

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user and system) a process has used so far; undefined without /proc. */
function cpuSeconds(pid) {
  try {
    const [, fields] = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ');
    const [utime, stime] = fields.split(' ').slice(11, 13).map(Number);
    return (utime + stime) / ticksPerSecond;
  } catch {
    return undefined;
  }
}

/**
 * One measurement: req/s and p99, and the server's CPU time per request and how busy it was.
 * Req/s is the goal's measure; CPU per request shows what an answer costs when the load
 * generator, not the server, sets the pace (a server busy less than all the time).
 */
function run(label, options, pid) {
  const cpuBefore = cpuSeconds(pid);
  return new Promise((resolve, reject) => {
    autocannon({ connections, duration: seconds, ...options }, (error, result) => {
      if (error) return reject(error);
      if (result.non2xx > 0 || result.errors > 0) {
        return reject(
          new Error(`${label}: ${result.non2xx} non-2xx answers, ${result.errors} errors`),
        );
      }
      const cpu = cpuBefore === undefined ? undefined : cpuSeconds(pid) - cpuBefore;
      resolve({
        label,
        rps: result.requests.average,
        p99: result.latency.p99,
        cpuPerRequest: cpu === undefined ? undefined : cpu / result.requests.total,
        busy: cpu === undefined ? undefined : cpu / (result.duration || seconds),
      });
    });
  });
}

const helloPort = await freePort();
const apiPort = await freePort();
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

const date = '2026-11-25';
const routeRequest = (body) => ({
  url: `http://127.0.0.1:${apiPort}/v1/route`,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

// Many people: the personas, each varied in age, place and needs by a fixed pseudo-random
// sequence. The API keeps answers by decision key (ADR 0020), so what these cost depends on
// how many distinct decisions they make, which is counted and reported.
const people = variedProfiles(1_000);
const router = createRouter(karlsruhe());
const distinctDecisions = new Set(
  people.map((person) => router.decide(person, { date, lang: 'de' }).key),
).size;

// Nothing kept: every request asks for a date and language not asked before, so that every
// answer is computed. Day n counts from 2000-01-01; 73,000 days in each of eight languages.
let asked = 0;
const neverAsked = (request) => {
  const n = asked++;
  const day = new Date(Date.UTC(2000, 0, 1) + (n % 73_000) * 86_400_000).toISOString();
  const lang = uiLanguages[Math.floor(n / 73_000) % uiLanguages.length];
  return { ...request, body: JSON.stringify({ profile, date: day.slice(0, 10), lang }) };
};

function variedProfiles(count) {
  let seed = 20261126;
  const next = (below) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed % below;
  };
  const profiles = rawData.personas.map((persona) => persona.profile);
  const places = [...new Set(profiles.map((p) => p.municipality).filter(Boolean))];
  return Array.from({ length: count }, (_, i) => {
    const person = { ...profiles[i % profiles.length] };
    if (person.age !== undefined)
      person.age = Math.min(100, Math.max(0, person.age + next(21) - 10));
    if (person.municipality !== undefined) person.municipality = places[next(places.length)];
    person.needs = Need.options.filter(() => next(5) === 0);
    return person;
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const helloWorld = {
  label: 'hello world',
  pid: hello.pid,
  options: { url: `http://127.0.0.1:${helloPort}/` },
};
const goals = [
  helloWorld,
  {
    label: 'GET /v1/offers?q=Deutschkurs',
    pid: api.pid,
    options: { url: `http://127.0.0.1:${apiPort}/v1/offers?q=Deutschkurs&lang=de` },
  },
  { label: 'POST /v1/route', pid: api.pid, options: routeRequest({ profile, date, lang: 'de' }) },
];
// Measured after the goals, so that their traffic (answers kept, then many computed) does
// not weigh on the goals' rounds.
const beyond = [
  helloWorld,
  {
    label: `POST /v1/route, ${people.length.toLocaleString('en-US')} people`,
    pid: api.pid,
    options: {
      ...routeRequest({}),
      requests: people.map((person) => ({
        body: JSON.stringify({ profile: person, date, lang: 'de' }),
      })),
    },
  },
  {
    label: 'POST /v1/route, nothing kept',
    pid: api.pid,
    options: { ...routeRequest({}), requests: [{ setupRequest: neverAsked }] },
  },
];

/**
 * Interleaved rounds of the targets, hello world first: each target's median req/s and p99,
 * and the median of its ratios to hello world in the same round.
 */
async function measure(targets) {
  // Warm-up: let the JIT compile the hot paths before anything counts.
  for (const target of targets)
    await run(target.label, { ...target.options, duration: 2 }, target.pid);
  const measured = targets.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, target] of targets.entries())
      measured[i].push(await run(target.label, target.options, target.pid));
  }
  const hasCpu = measured.every((results) => results.every((r) => r.cpuPerRequest !== undefined));
  return targets.map((target, i) => ({
    label: target.label,
    rps: median(measured[i].map((r) => r.rps)),
    p99: median(measured[i].map((r) => r.p99)),
    ratio: median(measured[i].map((r, round) => r.rps / measured[0][round].rps)),
    rounds: measured[i].map((r) => Math.round(r.rps)).join(', '),
    cpu: hasCpu
      ? {
          perRequest: median(measured[i].map((r) => r.cpuPerRequest)),
          ratio: median(
            measured[i].map((r, round) => measured[0][round].cpuPerRequest / r.cpuPerRequest),
          ),
          busy: median(measured[i].map((r) => r.busy)),
        }
      : undefined,
  }));
}

const percent = (ratio) => `${(ratio * 100).toFixed(0)}%`;
const report = ({ label, rps, p99, ratio, rounds, cpu }) => {
  console.log(
    `  ${label.padEnd(34)} ${Math.round(rps).toLocaleString('en-US').padStart(8)} req/s  p99 ${p99} ms  (${percent(ratio)} of hello world; rounds: ${rounds})`,
  );
  if (cpu)
    console.log(
      `  ${''.padEnd(34)} server CPU ${(cpu.perRequest * 1e6).toFixed(1)} µs a request (${percent(cpu.ratio)} of hello world's requests per CPU second), busy ${percent(cpu.busy)}`,
    );
};

try {
  const results = await measure(goals);
  const [, search, route] = results;
  console.log(
    `api bench: ${connections} connections, ${rounds} interleaved rounds of ${seconds} s, ` +
      (pinned
        ? 'servers on CPU 0, load generator on CPU 1'
        : 'servers and load generator unpinned'),
  );
  for (const result of results) report(result);
  console.log(
    `  goal offer search >= 60% of hello world: ${search.ratio >= 0.6 ? 'met' : 'NOT met'}`,
  );
  console.log(`  goal routing >= 40% of hello world: ${route.ratio >= 0.4 ? 'met' : 'NOT met'}`);
  console.log(`  goal p99 < 10 ms: ${search.p99 < 10 && route.p99 < 10 ? 'met' : 'NOT met'}`);
  console.log(
    `  beyond the goals (${people.length.toLocaleString('en-US')} people make ${distinctDecisions} ` +
      'distinct decisions; nothing kept: each request asks for a date and language not asked before):',
  );
  for (const result of (await measure(beyond)).slice(1)) report(result);
} finally {
  hello.kill();
  api.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
