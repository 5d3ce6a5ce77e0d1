import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { RuleSetRecord } from '@ankommen/db';
import {
  checkRuleSet,
  createRouter,
  Personas,
  runPersonas,
  RuleSet,
  type CityData,
  type Persona,
  type PersonaResult,
} from '@ankommen/routing';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../env.js';
import { fieldErrors, ProblemError, validationProblem } from '../../problem.js';
import { access } from './access.js';
import { json, Version } from './shared.js';

const VersionParam = z.object({ version: z.coerce.number().pipe(Version) });
const DraftBody = z
  .object({
    // Validated below with the rule-set schema, so that every error is reported with its path.
    ruleSet: z.record(z.string(), z.unknown()),
    personas: z.array(z.unknown()).max(2_000),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();

const summaryView = (record: Omit<RuleSetRecord, 'ruleSet' | 'personas'>) => ({
  ...record,
  createdAt: record.createdAt.toISOString(),
  publishedAt: record.publishedAt?.toISOString() ?? null,
});

export interface RuleSetReport {
  version: number;
  publishable: boolean;
  problems: ReturnType<typeof checkRuleSet>['problems'];
  personas: { id: string; passed: boolean; failures: string[] }[];
  /** Per persona: how its Wegweiser would differ from the one under the rule set in force. */
  changes: { id: string; added: string[]; removed: string[]; reordered: string[] }[];
}

/** Checks a rule-set version against today's agencies and offers, and compares it with the one in force. */
async function report(c: Context<AppEnv>, record: RuleSetRecord): Promise<RuleSetReport> {
  const services = c.get('services');
  const data: CityData = services.readModel().data;
  const date = services.now().toISOString().slice(0, 10);
  const candidate = createRouter({
    rules: record.ruleSet,
    registry: data.registry,
    catalog: data.catalog,
  });
  const current = createRouter(data);
  const check = checkRuleSet(record.ruleSet, {
    registry: data.registry,
    catalog: data.catalog,
    personas: record.personas,
    date,
    samples: 5_000,
  });
  const results: PersonaResult[] = runPersonas(record.personas, candidate, { date });
  const changes = record.personas.flatMap((persona: Persona) => {
    const on = persona.date ?? date;
    const before = current.route(persona.profile, { date: on }).steps;
    const after = results.find((r) => r.id === persona.id)!.wegweiser.steps;
    const order = (steps: typeof before) => new Map(steps.map((s) => [s.target, s.order]));
    const [was, now] = [order(before), order(after)];
    const added = [...now.keys()].filter((t) => !was.has(t));
    const removed = [...was.keys()].filter((t) => !now.has(t));
    const reordered = [...now.keys()].filter((t) => was.has(t) && was.get(t) !== now.get(t));
    return added.length + removed.length + reordered.length > 0
      ? [{ id: persona.id, added, removed, reordered }]
      : [];
  });
  return {
    version: record.version,
    publishable: check.ok && results.every((r) => r.passed),
    problems: check.problems,
    personas: results.map(({ id, passed, failures }) => ({ id, passed, failures })),
    changes,
  };
}

async function load(c: Context<AppEnv>, version: number): Promise<RuleSetRecord> {
  const record = await c.get('services').database!.ruleSets.get(version);
  if (!record) throw new ProblemError(404, 'not-found', 'No such rule-set version');
  return record;
}

/** Versioned rule sets: drafts, checks with per-persona differences, publishing and restoring. */
export function ruleSetRoutes(app: OpenAPIHono<AppEnv>): void {
  const base = '/v1/admin/rule-sets';
  app.openapi(
    createRoute({
      method: 'get',
      path: base,
      tags: ['staff'],
      summary: 'All versions, newest first',
      middleware: [access('get', base, ['admin', 'editor', 'reviewer'])],
      responses: { 200: { description: 'Versions' } },
    }),
    async (c) =>
      c.json({ items: (await c.get('services').database!.ruleSets.list()).map(summaryView) }),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: `${base}/{version}`,
      tags: ['staff'],
      summary: 'One version with its rules and personas',
      middleware: [access('get', `${base}/{version}`, ['admin', 'editor', 'reviewer'])],
      request: { params: VersionParam },
      responses: { 200: { description: 'The version' }, 404: { description: 'Not found' } },
    }),
    async (c) => {
      const { ruleSet, personas, ...summary } = await load(c, c.req.valid('param').version);
      return c.json({ ...summaryView(summary), ruleSet, personas });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: base,
      tags: ['staff'],
      summary: 'Save a draft; every schema error is reported with its path',
      middleware: [access('post', base, ['admin', 'editor'])],
      request: { body: json(DraftBody) },
      responses: { 201: { description: 'The draft, with its check report' } },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const ruleSet = RuleSet.safeParse(body.ruleSet);
      const personas = Personas.safeParse(body.personas);
      const errors = [
        ...(ruleSet.success ? [] : fieldErrors(ruleSet.error.issues, 'body.ruleSet')),
        ...(personas.success ? [] : fieldErrors(personas.error.issues, 'body.personas')),
      ];
      if (errors.length > 0 || !ruleSet.success || !personas.success)
        throw validationProblem(errors);
      const record = await c
        .get('services')
        .database!.ruleSets.createDraft(ruleSet.data, personas.data, {
          actor: c.get('auth')!.user.id,
          ...(body.note ? { note: body.note } : {}),
        });
      return c.json({ ...summaryView(record), report: await report(c, record) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: `${base}/{version}/check`,
      tags: ['staff'],
      summary: 'Run the checks and every persona test; show which Wegweiser would change',
      middleware: [access('post', `${base}/{version}/check`, ['admin', 'editor', 'reviewer'])],
      request: { params: VersionParam },
      responses: { 200: { description: 'The report' } },
    }),
    async (c) => c.json(await report(c, await load(c, c.req.valid('param').version))),
  );

  for (const action of ['publish', 'restore'] as const) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `${base}/{version}/${action}`,
        tags: ['staff'],
        summary:
          action === 'publish'
            ? 'Publish a draft: refused unless every persona test passes'
            : 'Publish an earlier version again',
        middleware: [access('post', `${base}/{version}/${action}`, ['admin', 'reviewer'])],
        request: { params: VersionParam },
        responses: {
          200: { description: 'Published' },
          422: { description: 'Persona tests or checks fail' },
        },
      }),
      async (c) => {
        const record = await load(c, c.req.valid('param').version);
        const result = await report(c, record);
        if (!result.publishable) {
          throw new ProblemError(
            422,
            'tests-fail',
            'The rule set cannot be published: tests fail',
            {
              failingPersonas: result.personas.filter((p) => !p.passed),
              errors: result.problems
                .filter((p) => p.severity === 'error')
                .map((p) => ({
                  field: p.path ? `ruleSet.${p.path}` : 'ruleSet',
                  message: p.message,
                })),
            },
          );
        }
        const database = c.get('services').database!;
        const options = { actor: c.get('auth')!.user.id };
        const published =
          action === 'publish'
            ? await database.ruleSets.publish(record.version, options)
            : await database.ruleSets.restore(record.version, options);
        await c.get('services').refresh();
        const { ruleSet: _r, personas: _p, ...summary } = published;
        return c.json(summaryView(summary));
      },
    );
  }
}
